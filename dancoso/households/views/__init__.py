"""Pages of the household register: thin adapters that parse, call one service or query, and
render (DESIGN.md rule 10). Object pages answer 404 for "absent" and "not yours" alike."""
