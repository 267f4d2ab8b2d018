"""`manage.py ensure_indexes` brings a database's indexes to what the documents declare."""

from io import StringIO

from django.core.management import call_command

from config.mongo import document_classes, ensure_indexes


def document(collection: str):
    """The document stored in `collection`, named by string (config imports no app)."""
    return next(cls for cls in document_classes() if cls._get_collection_name() == collection)


Like, WatchEntry = document("likes"), document("watch_history")
HISTORY_TTL = next(
    spec["expireAfterSeconds"]
    for spec in WatchEntry._meta["index_specs"]
    if spec["fields"] == [("watched_at", 1)]
)


def run(*args) -> str:
    out = StringIO()
    call_command("ensure_indexes", *args, stdout=out)
    return out.getvalue()


def keys_of(document) -> dict:
    return {
        name: [tuple(key) for key in info["key"]]
        for name, info in document._get_collection().index_information().items()
    }


def test_a_missing_index_is_created_and_a_second_run_changes_nothing():
    collection = Like._get_collection()
    collection.drop_index("user_id_1_target_type_1_created_at_-1__id_-1")
    output = run()
    assert "Created index likes.user_id_1_target_type_1_created_at_-1__id_-1." in output
    assert "Created" not in run()
    declared = {tuple(spec["fields"]) for spec in Like._meta["index_specs"]}
    assert declared <= {tuple(keys) for keys in keys_of(Like).values()}


def test_an_index_no_longer_declared_is_reported_and_dropped_only_when_asked():
    Like._get_collection().create_index([("created_at", 1)])
    output = run()
    assert "Index likes.created_at_1 is no longer declared (or changed)" in output
    assert "created_at_1" in keys_of(Like)

    output = run("--drop-stale")
    assert "Dropped index likes.created_at_1." in output
    assert "created_at_1" not in keys_of(Like)
    assert len(keys_of(Like)) == len(Like._meta["index_specs"]) + 1  # and _id's


def test_a_changed_ttl_is_applied_to_the_existing_index():
    collection = WatchEntry._get_collection()
    collection.drop_index("watched_at_1")
    collection.create_index([("watched_at", 1)], expireAfterSeconds=60)
    output = run()
    assert "Applied the declared TTL to index watch_history.watched_at_1." in output
    ttl = collection.index_information()["watched_at_1"]["expireAfterSeconds"]
    assert ttl == HISTORY_TTL != 60
    assert "TTL" not in run()


def test_an_index_whose_identity_changed_is_rebuilt_only_when_asked():
    collection = WatchEntry._get_collection()
    collection.drop_index("user_id_1_video_id_1")
    collection.create_index([("user_id", 1), ("video_id", 1)])  # declared unique
    assert "watch_history.user_id_1_video_id_1 is no longer declared (or changed)" in run()
    output = run("--drop-stale")
    assert "Dropped index watch_history.user_id_1_video_id_1." in output
    assert "Created index watch_history.user_id_1_video_id_1." in output
    assert collection.index_information()["user_id_1_video_id_1"]["unique"] is True


def test_every_collection_is_counted_and_the_upgrades_still_run():
    ensure_indexes()
    output = run()
    assert f"Indexes ensured for {len(document_classes())} collections." in output
