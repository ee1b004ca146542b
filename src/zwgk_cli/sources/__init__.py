"""Reading and writing the catalogue's YAML sources: the fast and the careful reader, the writer, and `zwgk fmt`."""
