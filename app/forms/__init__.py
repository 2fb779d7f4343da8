"""Application forms (申请表): parsing, validation, card prefill and draft migration (`engine`), and the merged forms of
一件事 themes (`themes`).

Contract: pure logic over `app.model.forms`; may import identity and model only.
"""
