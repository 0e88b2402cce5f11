class TaskForceCodeConverter:
    """`nasional`, a province code (`14`) or a kabupaten/kota code (`14.71`)."""

    regex = r"nasional|\d{2}(?:\.\d{2})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)
