"""`zwgk build`: check, render every output into a staging folder, and swap it in atomically."""
