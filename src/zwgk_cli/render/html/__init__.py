"""The HTML site: pages, the search index and the charts' numbers."""
