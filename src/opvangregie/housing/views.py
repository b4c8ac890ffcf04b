"""Flex-home projects of the region: a list for everyone, changes by the project's circle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from opvangregie.access import flex_project_in_circle, flex_project_views_for_user, may_manage
from opvangregie.audit import events
from opvangregie.core.versioning import EditConflict, form_after_conflict
from opvangregie.housing import selectors, services
from opvangregie.housing.forms import FlexProjectForm, FlexProjectReleaseForm
from opvangregie.housing.models import FlexProject
from opvangregie.regions.selectors import default_region_for_user, municipalities_for_user


def _region(request):
    region = default_region_for_user(request.user)
    if region is None:
        raise PermissionDenied
    return region


@require_GET
def flex_project_list(request):
    region = _region(request)
    views = selectors.flex_project_views(request.user, region=region)
    events.confidential_flex_project_viewed(request.user, views, "flexprojecten")
    editable = municipalities_for_user(request.user, editable=True).filter(safety_region=region)
    return render(request, "housing/flex_project_list.html", {
        "region": region, "projects": views, "can_create": editable.exists(),
        "homes_total": sum(view.homes for view in views),
        "municipality_count": len({view.municipality_id for view in views}),
    })


def _editable_project(user, pk: int) -> FlexProject:
    project = get_object_or_404(
        selectors.flex_projects_for_user(user), pk=pk)  # another region: 404
    if not flex_project_in_circle(user, project):
        raise PermissionDenied
    return project


@require_http_methods(["GET", "POST"])
def flex_project_create(request):
    region = _region(request)
    editable = municipalities_for_user(request.user, editable=True).filter(
        safety_region=region).order_by("name")
    if not editable.exists():
        raise PermissionDenied
    form = FlexProjectForm(request.POST or None, municipalities=editable)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.flex_project_create(actor=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het flexwoningproject is toegevoegd."))
            return redirect("housing:flex_project_list")
    return render(request, "housing/flex_project_form.html", {"form": form, "project": None})


@require_http_methods(["GET", "POST"])
def flex_project_edit(request, pk: int):
    project = _editable_project(request.user, pk)
    editable = municipalities_for_user(request.user, editable=True).filter(
        safety_region=project.municipality.safety_region).order_by("name")
    if request.method == "POST":
        form = FlexProjectForm(request.POST, instance=project, municipalities=editable)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.flex_project_update(
                    project=project, actor=request.user,
                    expected_version=form.cleaned_data["version"], **data)
            except EditConflict as conflict:
                form_after_conflict(form, conflict)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Het flexwoningproject is gewijzigd."))
                return redirect("housing:flex_project_list")
    else:
        form = FlexProjectForm(instance=project, municipalities=editable,
                               initial={"version": project.version})
    view = flex_project_views_for_user(request.user, [project])[0]
    events.confidential_flex_project_viewed(request.user, view, "flexproject wijzigen")
    return render(request, "housing/flex_project_form.html", {
        "form": form, "project": view,
        "release_form": FlexProjectReleaseForm() if may_manage(
            request.user, project.municipality.safety_region) and not view.released else None,
    })


@require_http_methods(["POST"])
def flex_project_release(request, pk: int):
    project = _editable_project(request.user, pk)
    if not may_manage(request.user, project.municipality.safety_region):
        raise PermissionDenied
    form = FlexProjectReleaseForm(request.POST)
    if form.is_valid():
        services.flex_project_release(
            actor=request.user, project=project,
            released_from=form.cleaned_data["released_from"], reason=form.cleaned_data["reason"])
        messages.success(request, _("De vrijgave van de naam is vastgelegd."))
        return redirect("housing:flex_project_list")
    editable = municipalities_for_user(request.user, editable=True).filter(
        safety_region=project.municipality.safety_region).order_by("name")
    view = flex_project_views_for_user(request.user, [project])[0]
    return render(request, "housing/flex_project_form.html", {
        "form": FlexProjectForm(instance=project, municipalities=editable,
                                initial={"version": project.version}),
        "project": view, "release_form": form,
    })
