"""Staff sign-in helpers."""

from django.conf import settings

# django-axes' AccessAttempt.username column.
AXES_USERNAME_LENGTH = 255


def axes_username(request, credentials=None):
    """The user name django-axes records for a failed sign-in, cut to fit its
    column and without NUL bytes: the admin's login form does not limit its
    length, and PostgreSQL refuses over-long or NUL-holding text (a 500 on
    every such attempt otherwise)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:AXES_USERNAME_LENGTH]
