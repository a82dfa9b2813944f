"""Operations the window and the command line share: gather (services) → render or write (documents,
exchange) → record (services).

Services may not import exchange or documents, so a use case that produces a document, an export or
an import preview lives here, once. An operation is a plain function (no Qt) taking plain arguments
(scope, paths, options, an optional `progress(done, total) -> bool` that returns False to cancel) and
returning a small frozen result: the file(s) produced, counts, warnings, and what changed. The ui runs
it on its task runner; the cli calls it and prints. Sub-packages follow the features.
"""
