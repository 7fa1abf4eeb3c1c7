from wagtail import hooks

from youthcities.pagecache import mark_cacheable


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    # Only pages anyone may see are cached; the cache middleware adds the other conditions.
    if not page.get_view_restrictions().exists():
        mark_cacheable(request)
