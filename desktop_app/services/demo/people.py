"""Believable, deterministic people and organisations for the demo street and the city generator.

Names, resident ID numbers (region codes of 三明市, real birth dates, check digits computed by the
domain code that also checks them), mobile numbers and unified social credit codes. Everything is
drawn from a `random.Random` the caller seeds, so the same seed always gives the same people.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.identity import credit_check_char, id_check_char

# The date the generated ages are measured against: fixed, so the output never depends on today.
REFERENCE_DATE = date(2024, 6, 1)

# County-level divisions of 三明市, Fujian (GB/T 2260), old and current codes: IDs issued before a
# merger keep the old code for life.
REGION_CODES = (
    "350402", "350403", "350404", "350405", "350421", "350423", "350424",
    "350425", "350426", "350427", "350428", "350429", "350430", "350481",
)

# Common surnames, weighted roughly as in Fujian (陈 林 黄 lead), and a few compound ones.
SURNAMES = (
    ("陈", 60), ("林", 50), ("黄", 40), ("张", 30), ("吴", 25), ("李", 25), ("王", 25), ("郑", 20),
    ("刘", 20), ("杨", 15), ("罗", 10), ("邱", 10), ("谢", 10), ("曾", 10), ("肖", 8), ("廖", 8),
    ("赖", 8), ("余", 8), ("周", 8), ("徐", 6), ("邓", 6), ("朱", 6), ("蔡", 6), ("魏", 6),
    ("江", 6), ("叶", 6), ("卢", 5), ("何", 5), ("苏", 5), ("钟", 5), ("范", 4), ("孙", 4),
    ("胡", 4), ("高", 4), ("郭", 4), ("严", 3), ("戴", 3), ("傅", 3), ("邹", 3), ("饶", 3),
    ("温", 3), ("游", 3), ("涂", 3), ("詹", 3), ("欧阳", 1), ("司马", 1), ("上官", 1),
)
MALE_CHARS = "国建华明军伟强平志勇斌文德兴福荣忠海林波涛鹏辉宏振东春永金生俊杰新晨浩宇"
FEMALE_CHARS = "秀英兰芳丽华敏玉珍红梅琴燕霞凤月萍娟婷静雪琳慧颖洁佳欣怡雯倩"
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "198", "199",
)
_SURNAME_VALUES = tuple(name for name, _ in SURNAMES)
_SURNAME_CUMULATIVE = tuple(itertools.accumulate(weight for _, weight in SURNAMES))
# GB 11714 organisation code: weights of the eight body characters and the modulus of its check.
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    id_number: str
    birth_date: date
    is_male: bool
    phone: str


@dataclass(frozen=True)
class Organisation:
    name: str
    credit_code: str
    phone: str


class PeopleGenerator:
    """Draws people and organisations from one random stream; never issues an ID number twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._issued: set[str] = set()

    def surname(self) -> str:
        return self.rng.choices(_SURNAME_VALUES, cum_weights=_SURNAME_CUMULATIVE)[0]

    def given_name(self, is_male: bool) -> str:
        chars = MALE_CHARS if is_male else FEMALE_CHARS
        length = 1 if self.rng.random() < 0.25 else 2
        return "".join(self.rng.choice(chars) for _ in range(length))

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"

    def birth_date(self, age: int) -> date:
        """A birth date of someone exactly `age` years old on the reference date."""
        latest = _years_before(REFERENCE_DATE, age)
        earliest = _years_before(REFERENCE_DATE, age + 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def resident_id(self, birth: date, is_male: bool, region: str | None = None) -> str:
        region = region or self.rng.choice(REGION_CODES)
        while True:
            # The last digit of the sequence is odd for men and even for women.
            sequence = self.rng.randrange(100) * 10 + self.rng.randrange(is_male, 10, 2)
            body = f"{region}{birth:%Y%m%d}{sequence:03d}"
            number = body + id_check_char(body)
            if number not in self._issued:
                self._issued.add(number)
                return number

    def person(self, age: int, *, is_male: bool | None = None, surname: str | None = None,
               region: str | None = None, with_phone: bool = True) -> Person:
        is_male = self.rng.random() < 0.5 if is_male is None else is_male
        birth = self.birth_date(age)
        surname = surname or self.surname()
        number = self.resident_id(birth, is_male, region)
        return Person(surname + self.given_name(is_male), surname, number, birth, is_male,
                      self.mobile() if with_phone else "")

    def credit_code(self, authority: str, region: str) -> str:
        """A unified social credit code: authority and kind (`91` enterprise, `12` public institution,
        `11` government body), region, the GB 11714 organisation code, then the GB 32100 check."""
        while True:
            body = "".join(str(self.rng.randrange(10)) for _ in range(8))
            first17 = f"{authority}{region}{body}{organisation_code_check(body)}"
            code = first17 + credit_check_char(first17)
            if code not in self._issued:
                self._issued.add(code)
                return code

    def organisation(self, name: str, authority: str = "91", region: str = "350404") -> Organisation:
        landline = f"0598-{self.rng.choice('5678')}{self.rng.randrange(10 ** 7):07d}"
        return Organisation(name, self.credit_code(authority, region), landline)


def organisation_code_check(body: str) -> str:
    """The check character of a GB 11714 organisation code for its eight body digits."""
    remainder = 11 - sum(int(char, 36) * weight for char, weight in zip(body, _ORG_CODE_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)
