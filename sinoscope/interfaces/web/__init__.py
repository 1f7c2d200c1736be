"""Server-rendered pages (Jinja2, autoescaped) over the same data as the REST API; assets served locally."""
