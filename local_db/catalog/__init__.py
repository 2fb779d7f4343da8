"""`catalog.db`: the item catalog mirror's schema (`schema`), queries (`store`), named rows (`rows`) and feed state
(`changes`)."""
