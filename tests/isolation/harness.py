from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

TENANT_PREFIX = "gt/<tf:tf_code>/"


@dataclass(frozen=True)
class TenantUrl:
    name: str  # namespaced, for reverse()
    route: str
    kwargs: tuple[str, ...]  # keywords other than tf_code
    public: bool  # does its own access check (API tokens)

    def __str__(self):
        return self.name


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            name = f"{namespace}:{p.name}" if namespace else p.name
            yield prefix + str(p.pattern), name, p


def tenant_urls() -> list[TenantUrl]:
    found = []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith(TENANT_PREFIX):
            continue
        kwargs = tuple(sorted(set(pattern.pattern.converters) - {"tf_code"}))
        public = bool(getattr(pattern.callback, "task_force_public", False))
        found.append(TenantUrl(name=name, route=route, kwargs=kwargs, public=public))
    return sorted(found, key=lambda u: u.name)


def build(url: TenantUrl, tf_code: str, values: dict) -> str:
    return reverse(url.name, kwargs={"tf_code": tf_code, **{k: values[k] for k in url.kwargs}})
