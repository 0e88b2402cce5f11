from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django_scopes.forms import SafeModelChoiceField

from .models import Decree, DecreeMember, SubTaskForce, TaskForce
from .roles import GRANTABLE_ROLES, Role
from .validators import validate_image_upload, validate_pdf_upload


def posted_text(request, name: str, *, max_length: int | None = None) -> str:
    """One text value of a POST that a button sends without a form of its own (a reason, an
    agency), read through a form field's checks: stripped, no NUL character (PostgreSQL refuses
    one in text: a 500), at most `max_length`. Raises ValidationError with the field's message."""
    return forms.CharField(max_length=max_length, required=False).clean(
        request.POST.get(name, ""))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FastSelect(forms.Select):
    """The same HTML as Django's Select, built in Python: Django renders each option (and its
    attributes) through templates of their own, 14 ms for a select of 552 regions or task forces
    against 5 ms here, and a few ms for every short select of a list's filter form."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}

        def option(value, label):
            value = "" if value is None else str(value)
            return format_html("<option value=\"{}\"{}>{}</option>", value,
                               mark_safe(" selected") if value in chosen else "", label)

        parts = [format_html("<select name=\"{}\"{}>", name,
                             flatatt(self.build_attrs(self.attrs, attrs)))]
        for value, label in self.choices:
            if isinstance(label, list | tuple):  # an option group
                parts.append(format_html("<optgroup label=\"{}\">", value))
                parts.extend(option(v, lbl) for v, lbl in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(value, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # every piece above is escaped by format_html


class StoredFile:
    """What the file widget shows of a stored private file: its name and the scoped view."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name.rsplit("/", 1)[-1]


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage, which has no URL (`PrivateStorage.url` raises): the
    stored file links to the scoped download view the form names in `download_url`."""

    download_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = StoredFile(value.name, self.download_url)
        return context


class DecreeForm(forms.ModelForm):
    sub_task_force_names = forms.CharField(
        label=_l("Sub gugus tugas (satu per baris)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_l("Bawaan: enam bidang Rencana Aksi Nasional. Ubah sesuai SK."),
    )
    copy_members = forms.BooleanField(
        label=_l("Salin sub gugus tugas dan anggota dari SK yang digantikan"), required=False
    )

    class Meta:
        model = Decree
        fields = ["number", "title", "date_signed", "issuer", "period_start", "period_end",
                  "status", "replaces", "scan"]
        widgets = {"date_signed": DateInput(), "title": forms.Textarea(attrs={"rows": 2}),
                   "scan": PrivateFileInput(attrs={"accept": "application/pdf"})}
        field_classes = {"replaces": SafeModelChoiceField}

    def __init__(self, *args, task_force: TaskForce, **kwargs):
        self.task_force = task_force
        super().__init__(*args, **kwargs)
        qs = Decree.objects.filter(task_force=task_force)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
            del self.fields["sub_task_force_names"]
            del self.fields["copy_members"]
        else:
            self.fields["sub_task_force_names"].initial = "\n".join(
                str(n) for n in SubTaskForce.DEFAULT_NAMES
            )
        self.fields["replaces"].queryset = qs
        self.fields["replaces"].required = False
        if self.instance.pk:
            self.fields["scan"].widget.download_url = reverse(
                "decree_scan", args=[task_force.code, self.instance.code])
        self.fields["period_start"].widget.attrs.update(min=1945, max=2100)
        self.fields["period_end"].widget.attrs.update(min=1945, max=2100)

    def clean_number(self):
        number = " ".join(self.cleaned_data["number"].split())
        clash = Decree.objects.filter(task_force=self.task_force, number__iexact=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Nomor SK ini sudah tercatat di gugus tugas ini."))
        return number

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and hasattr(scan, "content_type"):  # a new upload, not the stored file
            validate_pdf_upload(scan)
        return scan

    def clean_date_signed(self):
        value = self.cleaned_data["date_signed"]
        if value > timezone.localdate():
            raise ValidationError(_("Tanggal penetapan tidak boleh di masa depan."))
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("Periode berakhir (%(end)s) sebelum periode mulai (%(start)s).")
                % {"end": end, "start": start},
            )
        for field in ("period_start", "period_end"):
            year = data.get(field)
            if year and not 1945 <= year <= 2100:
                self.add_error(field, _("Tahun harus antara 1945 dan 2100."))
        if data.get("copy_members") and not data.get("replaces"):
            self.add_error("replaces", _("Pilih SK yang digantikan untuk menyalin anggotanya."))
        names = [n.strip() for n in (data.get("sub_task_force_names") or "").splitlines()]
        names = [n for n in names if n]
        if len(set(n.lower() for n in names)) != len(names):
            self.add_error("sub_task_force_names", _("Nama sub gugus tugas tidak boleh ganda."))
        limit = SubTaskForce._meta.get_field("name").max_length
        if any(len(n) > limit for n in names):
            self.add_error("sub_task_force_names", _(
                "Nama sub gugus tugas paling panjang %(n)s karakter per baris.") % {"n": limit})
        data["sub_task_force_names"] = names
        return data


class SubTaskForceForm(forms.ModelForm):
    class Meta:
        model = SubTaskForce
        fields = ["name", "order"]


class BaseScopedInlineFormSet(BaseInlineFormSet):
    """Inline formset whose new rows get the parent's task force."""

    def save_new(self, form, commit=True):
        form.instance.task_force = self.instance.task_force
        return super().save_new(form, commit=commit)


class DecreeMemberForm(forms.ModelForm):
    class Meta:
        model = DecreeMember
        fields = ["position", "agency", "person_name", "role", "sub_task_force", "order"]
        field_classes = {"sub_task_force": SafeModelChoiceField}

    def __init__(self, *args, decree: Decree, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_task_force"].queryset = decree.sub_task_forces.all()
        self.fields["order"].required = False
        self.fields["order"].widget.attrs["min"] = 0

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def has_changed(self):
        # A blank extra row (only the default role/order) is ignored, not an error.
        if self.instance.pk is None:
            return any((self.data.get(self.add_prefix(f)) or "").strip()
                       for f in ("position", "agency", "person_name"))
        return super().has_changed()


class _MemberFormSet(BaseScopedInlineFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["decree"] = self.instance
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # One query for the sub task force choices of every row, not one per row.
        if not hasattr(self, "_stf_choices"):
            self._stf_choices = list(form.fields["sub_task_force"].choices)
        form.fields["sub_task_force"].choices = self._stf_choices

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
            use_required_attribute=False, decree=self.instance, renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def clean(self):
        super().clean()
        chairs = sum(
            1 for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("role") == DecreeMember.Role.CHAIR
        )
        if chairs > 3:
            raise ValidationError(_("Terlalu banyak ketua dalam satu SK (paling banyak 3)."))


DecreeMemberFormSet = inlineformset_factory(
    Decree, DecreeMember, form=DecreeMemberForm, formset=_MemberFormSet, extra=3, can_delete=True
)
class _SubTaskForceFormSet(BaseScopedInlineFormSet):
    def clean(self):
        """Names unique within the SK (the database's constraint), checked here so that a name
        typed twice, a row left out of the post or one row posted twice gets a message instead
        of an IntegrityError."""
        edited = [f.instance.pk for f in self.forms if f.instance.pk]
        if len(edited) != len(set(edited)):
            raise ValidationError(_("Satu sub gugus tugas terkirim dua kali. Muat ulang halaman."))
        seen = {n.lower() for n in SubTaskForce.objects.filter(decree=self.instance)
                .exclude(pk__in=edited).values_list("name", flat=True)}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            key = data["name"].strip().lower()
            if key in seen:
                form.add_error("name", _("Nama sub gugus tugas tidak boleh ganda."))
            seen.add(key)
        super().clean()


SubTaskForceFormSet = inlineformset_factory(
    Decree, SubTaskForce, form=SubTaskForceForm, formset=_SubTaskForceFormSet, extra=2,
    can_delete=True,
)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_l("Email"))
    role = forms.ChoiceField(label=_l("Peran"), choices=Role.choices)

    def __init__(self, *args, inviter_membership, **kwargs):
        super().__init__(*args, **kwargs)
        grantable = GRANTABLE_ROLES.get(inviter_membership.role, frozenset())
        self.fields["role"].choices = [(v, lbl) for v, lbl in Role.choices if v in grantable]
        self.fields["role"].error_messages["invalid_choice"] = _(
            "Anda tidak berwenang memberikan peran ini."
        )


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_l("Nama lengkap"), max_length=150)
    password1 = forms.CharField(label=_l("Kata sandi"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_l("Ulangi kata sandi"), widget=forms.PasswordInput)

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        from django.contrib.auth import password_validation

        from .models import User

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, name=data.get("name", ""))
                )
            except ValidationError as e:
                self.add_error("password1", e)
        return data


class TaskForceProfileForm(forms.ModelForm):
    class Meta:
        model = TaskForce
        fields = ["office", "address", "phone", "email", "logo", "meetings_required_per_year",
                  "allow_self_verification"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "logo": PrivateFileInput(attrs={"accept": "image/png,image/jpeg"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].widget.download_url = reverse("task_force_logo",
                                                          args=[self.instance.code])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo)
        return logo


class UserProfileForm(forms.ModelForm):
    class Meta:
        from .models import User

        model = User
        fields = ["name", "timezone", "notify"]
        widgets = {"notify": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notify"].required = False  # not sent: the choice stays as it was

    def clean_notify(self):
        return self.cleaned_data.get("notify") or self.instance.notify
