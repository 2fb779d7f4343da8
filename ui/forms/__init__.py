"""The form renderer (申请表): Qt widgets built from an `app.model.forms.FormDefinition`. Contract: `FormView` is the
whole form (pages, navigation, language switch); the per-type inputs are in `inputs`, `division`, `signature` and
`material`; conditions, validation and paging come from `app.forms.engine`."""

from __future__ import annotations

from ui.forms.division import DivisionInput, DivisionTree
from ui.forms.inputs import FieldInput
from ui.forms.material import MaterialInput
from ui.forms.signature import SignatureInput, SignaturePad
from ui.forms.view import FieldRow, FormView

__all__ = [
    "DivisionInput",
    "DivisionTree",
    "FieldInput",
    "FieldRow",
    "FormView",
    "MaterialInput",
    "SignatureInput",
    "SignaturePad",
]
