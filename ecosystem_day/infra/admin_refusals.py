"""Admin saves that a transition or a constraint refuses come back as form errors.

The admin validates a form, then saves it. Between the two, another request can change the
world (a presenter withdraws the breakout, a double-clicked review lands first); the save
then raises a ValidationError. This mixin shows the form again, with what the organizer
typed and the refusal as its error, instead of a server error. Nothing was saved: the
admin's transaction was rolled back.
"""

from django.core.exceptions import ValidationError


class RefusalsAsFormErrors:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            request._save_refused = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_save_refused", None)
        if refusal is None:
            return form_class

        class Refused(form_class):
            def _post_clean(self):
                super()._post_clean()
                shown = {message for errors in self._errors.values() for message in errors}
                news = [message for message in refusal.messages if message not in shown]
                if news:  # at the top of the form, whatever field the refusal named
                    self.add_error(None, ValidationError(news))

        return Refused
