"""The site as a whole: the build object, the content record, site-wide checks, feeds and sitemap."""
