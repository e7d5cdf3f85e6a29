"""Reading other agencies' wires: RSS, Atom, JSON Feed, ninjs and NewsML-G2 into one shape."""
