"""Pagination by query parameters: `pagina` and `paginaGrootte`.

The body carries `aantal` (every result), `_links` (HAL style: self, first, prev, next, last)
and `resultaten`; the headers `X-Total-Count`, `X-Pagination-Page` and `X-Pagination-Limit`
repeat them for clients that only read headers (NL API Design Rules, pagination).
"""

from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

PAGE = "pagina"
PAGE_SIZE = "paginaGrootte"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class LinkSerializer(serializers.Serializer):
    href = serializers.CharField()


class LinksSerializer(serializers.Serializer):
    self = LinkSerializer()
    first = LinkSerializer()
    prev = LinkSerializer(required=False)
    next = LinkSerializer(required=False)
    last = LinkSerializer()


def paged_serializer(item_serializer):
    """The envelope of a page of `item_serializer`, for the OpenAPI document."""
    name = "Paged" + item_serializer.__name__.removesuffix("Serializer")
    return type(name, (serializers.Serializer,), {
        "aantal": serializers.IntegerField(),
        "_links": LinksSerializer(),
        "resultaten": item_serializer(many=True),
        "Meta": type("Meta", (), {"ref_name": name}),
    })


def _page_size(request) -> int:
    raw = request.query_params.get(PAGE_SIZE, "")
    if raw.isdigit() and len(raw) < 6 and int(raw) > 0:
        return min(int(raw), MAX_PAGE_SIZE)
    return DEFAULT_PAGE_SIZE


def paginate(request, items, render) -> Response:
    """One page of `items` (a list or queryset); `render(list_of_items)` turns it into dicts."""
    size = _page_size(request)
    paginator = Paginator(items, size)
    raw = request.query_params.get(PAGE, "1")
    if not raw.isdigit() or len(raw) > 9:
        raise ValidationError({PAGE: [_("Noem een paginanummer vanaf 1.")]})
    try:
        page = paginator.page(raw)
    except InvalidPage:
        raise NotFound(_("Pagina %(page)s bestaat niet; er zijn %(n)s pagina's.")
                       % {"page": raw[:20], "n": paginator.num_pages}) from None
    url = request.build_absolute_uri()

    def link(number: int) -> dict:
        return {"href": replace_query_param(url, PAGE, number) if number > 1
                else remove_query_param(url, PAGE)}

    links = {"self": link(page.number), "first": link(1)}
    if page.has_previous():
        links["prev"] = link(page.previous_page_number())
    if page.has_next():
        links["next"] = link(page.next_page_number())
    links["last"] = link(paginator.num_pages)
    response = Response({"aantal": paginator.count, "_links": links,
                         "resultaten": render(list(page.object_list))})
    response["X-Total-Count"] = str(paginator.count)
    response["X-Pagination-Page"] = str(page.number)
    response["X-Pagination-Limit"] = str(size)
    return response
