"""After the sale: satisfaction surveys (``survey*.py``), answer feedback (``feedback*.py``) and maintenance."""
