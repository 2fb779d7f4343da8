"""The form engine (docs/forms.md): definitions (`definition`: parse, check, page), answers (`answers`: conditions,
validation) and answers that were not typed (`prefill`: card prefill, drafts across definition versions).

Contract: pure logic over `app.model.forms`: no Qt, no storage.
"""
