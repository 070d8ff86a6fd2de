"""The blog: posts and authors (Material's blog plugin renders them)."""
