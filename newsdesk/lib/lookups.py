"""Integers from outside in queries: a number no column can hold matches nothing.

Django already answers `pk=10**30` with no rows instead of letting the database driver
fail (SQLite raises OverflowError, PostgreSQL an out-of-range error); `pk__in=[10**30]`,
as a form's multiple choice asks, it passes on. `IntegerFieldIn` leaves such numbers out
in the same way. Registered for every integer field by ContentConfig.ready().
"""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import IntegerField
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler

# A database id as forms and query strings may carry one: digits that fit a 64-bit integer.
MAX_ID = 2**63 - 1


def is_database_id(value: object) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


class IntegerFieldIn(In):
    def process_rhs(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not self.rhs:
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
