"""A closed vote is never changed by a sync; the demo street travels whole and equal; a scope's file
holds the scope's records and what they depend on."""

from __future__ import annotations

from datetime import date

from desktop_app.models import Ballot, Estate, Opinion, Room, Vote, VoteRoll, db
from desktop_app.services.demo import create_demo
from desktop_app.services.scope import find_by_code

from tests.operations.sync.installations import Installations


def test_the_demo_street_travels_whole_and_a_closed_vote_does_not_change(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        create_demo(today=date(2025, 3, 1))
        Vote.update(status="closed", closed_at="2025-03-01T09:00:00").execute()
        demands = db.execute_sql("SELECT count(*) FROM opinion_demand").fetchone()[0]
    first = sites.send("A", "B")
    assert first.errors == [] and first.conflicts == [] and first.added > 9000
    with sites.at("B"):
        assert db.execute_sql("SELECT count(*) FROM opinion_demand").fetchone()[0] == demands > 0
        assert Vote.get().status == "closed"
        vote_scope = Vote.get().scope
        assert vote_scope == f'["estate:{Vote.get().estate_id}"]'  # local ids again
    assert sites.content("A") == sites.content("B")
    sites.send("B", "A")
    with sites.at("A"):  # A changes its closed vote and a ballot of it (as a correction would)
        vote = Vote.get()
        vote.note = "A改的"
        vote.save()
        ballot = Ballot.select().first()
        ballot.proxy = "代理人"
        ballot.save()
        vote_uid, ballot_uid = vote.uid, ballot.uid
    result = sites.send("A", "B")
    assert (result.updated, result.errors) == (0, [])
    assert {(c.table, c.uid, c.field) for c in result.conflicts} == {
        ("vote", vote_uid, "note"), ("ballot", ballot_uid, "proxy")}
    with sites.at("B"):
        assert Vote.get().note != "A改的" and Ballot.get(uid=ballot_uid).proxy == ""
        assert VoteRoll.select().count() > 0


def test_an_estate_scope_holds_its_records_and_their_parents(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        create_demo(today=date(2025, 3, 1), vote=False)
        estate = Estate.select().order_by(Estate.id).first()
        code = estate.code
        rooms_of_estate = Room.select().join_from(Room, Room.unit.rel_model).switch(Room).count()
        scope = find_by_code(code)
        wanted = db.execute_sql(
            "SELECT count(*) FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
            "WHERE b.estate_id = ?", (estate.id,)).fetchone()[0]
        opinions = Opinion.select().count()
    assert 0 < wanted < rooms_of_estate
    result = sites.receive("B", sites.export("A", scope))
    assert result.errors == [] and result.conflicts == []
    with sites.at("B"):
        assert Estate.select().count() == 1 and Estate.get().code == code
        assert Room.select().count() == wanted
        assert 0 < Opinion.select().count() <= opinions


def test_an_opinions_demands_travel_with_it(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        create_demo(today=date(2025, 3, 1), vote=False)
        opinion_id = db.execute_sql("SELECT opinion_id FROM opinion_demand LIMIT 1").fetchone()[0]
        opinion = Opinion.get_by_id(opinion_id)
        uid = opinion.uid
    sites.send("A", "B")
    sites.send("B", "A")
    with sites.at("A"):
        db.execute_sql("DELETE FROM opinion_demand WHERE opinion_id = ?", (opinion_id,))
        db.execute_sql("INSERT INTO opinion_demand (opinion_id, name, category) VALUES (?, '加装电梯', '')", (opinion_id,))
        opinion = Opinion.get_by_id(opinion_id)
        opinion.text = "改了"
        opinion.save()
    result = sites.send("A", "B")
    assert [(c.table, c.uid, c.action, c.fields) for c in result.listed] == [("opinion", uid, "update", ("text", "demands"))]
    with sites.at("B"):
        opinion = Opinion.get(uid=uid)
        assert opinion.text == "改了"
        assert db.execute_sql("SELECT name FROM opinion_demand WHERE opinion_id = ?", (opinion.id,)).fetchall() == [
            ("加装电梯",)]
    assert sites.content("A") == sites.content("B")
