"""The sandbox organizers' email templates render in: few tags, few filters, a budget.

Organizers write the wording in the admin, so a template is code from a person we trust
less than our own: it may use only `if`, `for` and `comment`, and formatting filters
whose output cannot outgrow their input (no `center`, `lorem`, `add`, `stringformat`...).
Each render has a budget (loop iterations, node renders, characters written, characters
passed through filters) and loops
nest at most two deep, so no template can take more than a fraction of a second. The
values it shows are data: they are never parsed as a template.
"""

from contextvars import ContextVar
from functools import wraps

from django.core.exceptions import ValidationError
from django.template import (
    Context,
    Engine,
    Library,
    Node,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import Lexer, TextNode, TokenType, VariableNode

from ecosystem_day.infra.memo import memoize

ALLOWED_TAGS = ("if", "for", "comment")
# Words that only close or continue an allowed tag.
TAG_PARTS = {"elif", "else", "endif", "empty", "endfor", "endcomment"}
ALLOWED_FILTERS = (
    "capfirst",
    "date",
    "default",
    "default_if_none",
    "first",
    "last",
    "length",
    "lower",
    "pluralize",
    "time",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "yesno",
)
MAX_TEMPLATE_CHARS = 10_000
MAX_LOOP_DEPTH = 2
MAX_ITERATIONS = 1_000  # loop turns in one message, all loops together
MAX_NODE_RENDERS = 5_000  # every tag, text and {{ value }}, loops included
MAX_OUTPUT_CHARS = 100_000  # what one part (subject or body) may write
MAX_FILTERED_CHARS = 500_000  # characters passed through filters, conditions included

_budget = ContextVar("mail_render_budget", default=None)


def _metered_filter(function):
    """A built-in filter that charges the characters it is given to the render's budget."""

    @wraps(function)  # keeps its flags (expects_localtime...) and its signature's arity
    def metered(value, *args, **kwargs):
        budget = _budget.get()
        if budget is not None:
            budget.spend(filtered=len(value) if isinstance(value, str) else 1)
        return function(value, *args, **kwargs)

    return metered


LIBRARY = Library()
LIBRARY.tags = {name: defaulttags.register.tags[name] for name in ALLOWED_TAGS}
LIBRARY.filters = {
    name: _metered_filter(defaultfilters.register.filters[name]) for name in ALLOWED_FILTERS
}
# No loaders ({% include %} finds nothing), no libraries ({% load %} finds nothing), our
# library as the only built-ins; plain text, so no HTML entities.
ENGINE = Engine(libraries={}, loaders=[], autoescape=False)
ENGINE.template_builtins = [LIBRARY]


class Budget:
    """What one render may still spend; exceeding any part refuses the render."""

    def __init__(self, max_output, too_long):
        self.iterations = self.renders = self.output = self.filtered = 0
        self.max_output = max_output
        self.too_long = too_long

    def spend(self, *, iterations=0, renders=0, output=0, filtered=0):
        self.iterations += iterations
        self.renders += renders
        self.output += output
        self.filtered += filtered
        if self.iterations > MAX_ITERATIONS:
            raise ValidationError(f"Its loops would run more than {MAX_ITERATIONS:,} times.")
        if self.renders > MAX_NODE_RENDERS:
            raise ValidationError(f"It would take more than {MAX_NODE_RENDERS:,} steps.")
        if self.output > self.max_output:
            raise ValidationError(self.too_long)
        if self.filtered > MAX_FILTERED_CHARS:
            raise ValidationError(
                f"Its filters would read more than {MAX_FILTERED_CHARS:,} characters."
            )


class _Metered(Node):
    """A node of the compiled template that charges the render's budget as it renders."""

    child_nodelists = ()

    def __init__(self, node):
        self.node = node
        self.writes = isinstance(node, TextNode | VariableNode)

    def render_annotated(self, context):
        budget = _budget.get()
        budget.spend(renders=1)
        output = self.node.render_annotated(context)
        if self.writes:
            budget.spend(output=len(output))
        return output


class _CountedSequence:
    """A `for` loop's sequence, charged to the budget before the loop starts."""

    def __init__(self, sequence):
        self.sequence = sequence

    def resolve(self, context, ignore_failures=False):
        values = self.sequence.resolve(context, ignore_failures=ignore_failures)
        if values is None:
            return values
        if not hasattr(values, "__len__"):
            values = list(values)
        _budget.get().spend(iterations=len(values))
        return values


def _meter(nodelists, depth=0):
    """Wrap every node in `nodelists` (in place) and refuse loops nested too deep."""
    for nodelist in nodelists:
        for index, node in enumerate(nodelist):
            if isinstance(node, defaulttags.ForNode):
                if depth + 1 > MAX_LOOP_DEPTH:
                    raise ValidationError(
                        f"Loops may be nested at most {MAX_LOOP_DEPTH} deep in email templates."
                    )
                node.sequence = _CountedSequence(node.sequence)
                _meter([node.nodelist_loop, node.nodelist_empty], depth + 1)
            elif isinstance(node, defaulttags.IfNode):
                _meter([branch for _, branch in node.conditions_nodelists], depth)
            elif not isinstance(node, TextNode | VariableNode | defaulttags.CommentNode):
                raise ValidationError(f"{type(node).__name__} is not available in email templates.")
            nodelist[index] = _Metered(node)


def _refuse_tags_outside_the_list(source):
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = token.contents.split()[0] if token.contents.split() else ""
            if word not in ALLOWED_TAGS and word not in TAG_PARTS:
                raise ValidationError(
                    f"{{% {word} %}} is not available in email templates (line "
                    f"{token.lineno}). They may use {{% if %}}, {{% for %}} and "
                    "{% comment %}."
                )


@memoize(maxsize=256)
def compile_template(source):
    """The sandboxed template for `source`, or a ValidationError that says what is wrong."""
    if len(source) > MAX_TEMPLATE_CHARS:
        raise ValidationError(
            f"An email template holds at most {MAX_TEMPLATE_CHARS:,} characters "
            f"(this one has {len(source):,})."
        )
    _refuse_tags_outside_the_list(source)
    try:
        template = ENGINE.from_string(source)
    except TemplateSyntaxError as error:
        hint = ""
        if str(error).startswith("Invalid filter"):
            hint = " Email templates may use these filters: " + ", ".join(ALLOWED_FILTERS) + "."
        message = str(error).rstrip(".")
        raise ValidationError(f"This template has an error: {message}.{hint}") from error
    _meter([template.nodelist])
    return template


def render(source, context, *, max_output=MAX_OUTPUT_CHARS, too_long=None):
    """`source` rendered with `context` (plain values) within the budget, or ValidationError
    (`too_long` is its message when the output outgrows `max_output`)."""
    template = compile_template(source)
    too_long = too_long or f"It would write more than {max_output:,} characters."
    token = _budget.set(Budget(max_output, too_long))
    try:
        return template.render(Context(context, autoescape=False))
    finally:
        _budget.reset(token)
