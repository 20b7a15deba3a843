"""The REST API (``rotaplan.api.site``), its error shape (``errors``) and the endpoints that
belong to no area: the rules check and pay on a document sent in the exchange format."""
