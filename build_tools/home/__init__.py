"""The home page as a storefront: ``content/index.md`` front matter → hero, quick actions, showroom, store card."""
