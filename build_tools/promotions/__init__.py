"""Dated purchase promotions (购车优惠活动): ``content/promotions/<slug>.md``, on the site only from start to end."""
