"""`catalog.db`: the item catalog mirror's schema (`schema`), queries (`store`) and feed state (`changes`)."""
