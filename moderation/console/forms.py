"""Console action forms: each names the service action and the reason that goes to the log."""

from django import forms

REASON = {"max_length": 500, "widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class UserActionForm(forms.Form):
    """Suspend or reinstate an account; the reason is required and kept in the log."""

    action = forms.ChoiceField(choices=[("suspend", "Suspend"), ("reinstate", "Reinstate")])
    reason = forms.CharField(**REASON)


class ItemActionForm(forms.Form):
    """Unpublish, take down or re-run processing of an item."""

    action = forms.ChoiceField(
        choices=[
            ("unpublish", "Unpublish"),
            ("take_down", "Take down (delete)"),
            ("reprocess", "Re-run processing"),
        ]
    )
    reason = forms.CharField(required=False, **REASON)

    def clean(self):
        """Removing content needs a reason; re-running processing does not."""
        data = super().clean()
        if data.get("action") in {"unpublish", "take_down"} and not data.get("reason", "").strip():
            self.add_error("reason", "Say why; the reason goes to the moderation log.")
        return data


class ReportActionForm(forms.Form):
    """Resolve every open report of one target with one action and a reason."""

    action = forms.ChoiceField(
        choices=[
            ("dismiss", "Dismiss"),
            ("remove", "Remove the content"),
            ("suspend", "Suspend the owner"),
        ]
    )
    reason = forms.CharField(**REASON)


class CommentActionForm(forms.Form):
    """Approve or remove the selected held comments; removing needs a reason for the log."""

    action = forms.ChoiceField(
        choices=[("approve", "Approve selected comments"), ("remove", "Remove selected comments")]
    )
    reason = forms.CharField(required=False, **REASON)

    def clean(self):
        """Approving keeps the hold rule as the log's reason when none is given."""
        data = super().clean()
        if data.get("action") == "remove" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why; the reason goes to the moderation log.")
        return data
