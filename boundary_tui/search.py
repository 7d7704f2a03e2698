"""From a member of staff's own words to the right topic and situation: one ranking for every front end.

Staff type what happened ("mum gave me a fiver", "kid hugged me", "drove a YP
to the station"), not the title of a policy. Every front end - the home
screen, plain mode, `find`, the "did you mean" of an unknown topic - asks this
module, so they all rank the same way:

- words are matched whole, never as parts of words (car is not care, bus is
  not abuse), after the registry's synonyms and slang ("quid" -> "money",
  "YP" -> "young person") and a maintained lemmatiser (simplemma: gave/give,
  drove/drive, hugged/hug);
- a word of five letters or more that no topic uses is matched to the nearest
  word that one does, with a maintained fuzzy matcher (rapidfuzz), so
  "facebok" finds Facebook;
- a word counts more where authors put it (titles, keywords, situations) and
  the fewer topics share it; several words agreeing, and a whole phrase such
  as "friend request", count for more than one stray word;
- ties go to the more specific result (a situation before its topic, a
  narrower topic before a broader one), never to the alphabet.

It knows nothing of Textual. The lemmatiser's dictionary takes a moment to
load, so the app builds the index after its first frame; `SearchIndex` is
cheap to query once built.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import NamedTuple

from boundary_tui.model import Answer, Question, Situation, Tree

FALLBACK_TOPIC = "boundary_blurred"
MIN_FUZZY_LENGTH = 5  # shorter words have too many near neighbours ("hug", "bug", "mug")
FUZZY_CUTOFF = 82  # rapidfuzz ratio, 0-100

# How much a word counts where it is found. Titles, keywords and situations are
# the words authors chose for finding a topic; question text only breaks ties.
_TOPIC_FIELDS = {
    "title": 3.0,
    "keywords": 3.0,  # one-word keywords
    "keyword_parts": 1.5,  # the words of a keyword phrase: "case notes" is about notes, not any "case"
    "situations": 2.0,
    "summary": 1.5,
    "questions": 0.25,
}
_SITUATION_FIELDS = {"title": 3.0, "phrases": 3.0}
_SITUATION_SHARE_OF_TOPIC = 0.3  # a situation also carries some of its topic's score: context for ties
_SITUATIONS_AS_EVIDENCE = (0.5, 0.4)  # how much a topic's best and second-best situations add to its own score
_SITUATION_LEADS = 0.5  # a situation scoring above this share of its topic's evidence is listed before it
_FUZZY_DISCOUNT = 0.8  # a typo-matched word counts a little less than a word spelled right
_TELLING_RARITY = 0.25  # words rarer than this say something about which dilemma it is
_ONE_WORD_SITUATION = 0.5  # a situation found by one word alone is ranked below its topic
_PREFIX_DISCOUNT = 0.6  # a word still being typed ("fac") counts less than a finished one
MIN_PREFIX_LENGTH = 3
_SHOWN_FRACTION = 0.3  # results under this share of the best score are noise, not choices

# "1:1" and "2:1" are staffing ratios ("my 1:1" is the child a TA supports), kept whole for the word list.
# "a&e", "b&m" are one word, as the word list names them.
_TOKEN = re.compile(r"[£$€]\s?\d+(?:[.,]\d+)?|\b[12]:[12]\b|\b[a-z]&[a-z]\b|[a-z0-9]+(?:'[a-z]+)?(?:-[a-z0-9]+)*")
_MONEY = re.compile(r"^[£$€]")

# Function words: they say nothing about which dilemma it is. Kept short on
# purpose: a word that is common in every topic is weighed down by rarity anyway.
STOPWORDS = frozenset(
    """a about after again all am an and any are as at be been before being both but by can
    could did do does doing don't down during each few for from further had has have having he her
    here hers herself him himself his how i i'm i've if in into is it it's its itself just me more most
    my myself no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself really ok okay um yeah hi please thanks just still also bit lot cos coz cuz because
    im ive id dont didnt doesnt isnt wasnt cant wont think thought wonder wondering guess suppose
    shes hes theyre theres thats whats youre wouldnt couldnt shouldnt havent hasnt arent werent
    dunno gonna wanna gotta whos every much many lots loads nothing happen happened happening stuff
    anything everyone anybody everybody somebody well whether rather yet instead either""".split()
)
# The same contractions typed with an apostrophe ("they're" as well as "theyre"), and the rest of them.
STOPWORDS |= frozenset(
    """didn't doesn't isn't wasn't she's he's they're there's that's what's you're wouldn't
    couldn't shouldn't haven't hasn't aren't weren't who's i'd i'll he'll she'll they'll we'll you'll
    we're we've they've you've he'd she'd they'd we'd you'd let's""".split()
)


class SearchHit(NamedTuple):
    """A topic, or one of its situations, and how well it matched."""

    tree: Tree
    situation: Situation | None
    score: float

    @property
    def key(self) -> str:
        """'gifts' for a topic, 'gifts/parent_offers_money' for a situation: unique among results."""
        return self.tree.id if self.situation is None else f"{self.tree.id}/{self.situation.id}"

    @property
    def title(self) -> str:
        return self.tree.title if self.situation is None else self.situation.title


# Past forms that do not end in -ed: "gave", "took", "sent" say it has already happened.
_PAST = frozenset(
    """gave given took taken sent told said got went came drove bought brought kept left saw seen met caught
    held hit put let made paid rang showed shown did done had hugged already""".split()
)


# Words that name another member of staff, so a situation about a colleague may be offered.
_COLLEAGUE_WORDS = frozenset(
    "colleague coworker teacher manager deputy staff leader assistant worker nurse head senior trainee".split()
)
# Staff named by a word that is also a verb ("she volunteered that...", "we cook tea"):
# a colleague only as typed, never through its lemma.
_COLLEAGUE_NOUNS = frozenset("volunteer volunteers cook cooks midday middays coach coaches".split())
# Before a role word, these make it the writer ("as a TA", "been key worker") or
# someone from outside ("social worker"); after it, a colleague who only reports
# or asks the writer to act ("my manager wants me to drive him").
_NOT_A_COLLEAGUE = frozenset("social as been being am".split())


def _names_a_colleague(word: str) -> bool:
    """A word (as the word list leaves it) naming another member of staff: "manager", "TAs", "the cook"."""
    return lemma(word) in _COLLEAGUE_WORDS or word in _COLLEAGUE_NOUNS


_REPORTING = frozenset("say tell think reckon notice ask want expect need".split())
# Words as typed (before the word list) that name someone: short forms and family.
_NAMED_PEOPLE = frozenset("yp yps su sus cyp rsw ta tas mum dad parent parents guy bloke".split())
_THIRD_PERSON = frozenset("he she they him her them his their he's she's they're".split())
_FIRST_PERSON = frozenset("i i'm im i've ive i'd id me we myself".split())
_COLLEAGUE_DID_IT = 1.6  # how much more a colleague's-conduct result counts when a colleague did it


_CLAUSE = re.compile(r"[.!?;\n]+|\bbut\b", re.IGNORECASE)


def _after_hedges(text: str) -> str:
    """The text from its first clause that names anyone: "Not sure if I'm being paranoid. One of our
    support workers..." is about the support worker, not the writer.

    A clause naming nobody - no one supported, no colleague - is the writer
    hedging ("probably me overthinking", "bit of a weird one"); it says nothing
    about who did it.
    """
    clauses = _CLAUSE.split(text)
    for number, clause in enumerate(clauses):
        typed = _raw_tokens(clause)
        words = {lemma(word) for word in typed} | set(typed)
        if words & (_PEOPLE | _COLLEAGUE_WORDS | _NAMED_PEOPLE | _THIRD_PERSON):
            return " ".join(clauses[number:])
    return text


def _raw_tokens(text: str) -> list[str]:
    """The words and money amounts of a text as typed, lower case, curly apostrophes made straight."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


# Past forms that tell of an offer or a request, not of the thing itself: "mum offered me
# a tenner" has not given it yet, and "a pupil asked me for a lift" has not had one.
_ASKING = frozenset(
    """asked offered wanted invited requested suggested messaged texted emailed phoned called rang begged
    pleaded mentioned wondered worried seemed""".split()
)


# Words that put what follows in the future: "I told her I'd give her a lift", "said
# he will bring me a present". A past word that only reports a promise ("told",
# "said", "agreed") does not make the thing promised happen.
_FUTURE = frozenset("i'd id i'll ill will would gonna going shall".split())
_PROMISING = frozenset("told said promised agreed replied answered".split())


def tense(text: str) -> str:
    """ "past" when someone wrote that it has already happened ("gave", "hugged", "already"),
    "future" when they wrote only of what will or would happen ("I told her I'd give her a
    lift", "mum will bring me a present"), and "" when they said neither."""
    future = False
    for clause in _CLAUSE.split(text):
        tokens = _raw_tokens(clause)
        for position, token in enumerate(tokens):
            if token in _ASKING:
                continue
            if token in _PROMISING and any(_future(tokens, later) for later in range(position + 1, position + 5)):
                continue  # a promise or a plan reported, not done: "I told her I'd give her a lift"
            if _future(tokens, position):
                future = True
                break  # the rest of the clause is what will happen
            if _is_past(token):
                return "past"
    return "future" if future else ""


def _is_past(token: str) -> bool:
    return token in _PAST or (token.endswith("ed") and len(token) > 4 and lemma(token) != token)


def _future(tokens: list[str], position: int) -> bool:
    """Whether the word at `position` puts what follows in the future ("I'd give"), not the past ("I'd given")."""
    if position >= len(tokens) or tokens[position] not in _FUTURE:
        return False
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return not (_is_past(following) or following in ("already", "been", "have", "had", "just"))


# "asked me if my colleague is married", "keeps asking why our manager left": the colleague is
# what someone asked about, not who did something.
_ASKED_ABOUT = frozenset("about if whether why where when how what who who's whos".split())
_ASKING_LEMMAS = frozenset("ask question know wonder nosy".split())


class _Document(NamedTuple):
    tree: Tree
    situation: Situation | None
    fields: dict[str, frozenset[str]]  # field name -> the lemmas in it
    phrases: tuple[tuple[float, frozenset[str]], ...]  # (weight, lemmas) of each phrase of 2+ words
    size: int  # distinct lemmas: a smaller document is the more specific one
    weight_of: dict[str, float]  # lemma -> the weight of the best field it is in
    # What a situation answers No to, in words search can check against the query:
    # "colleague" (it is not about a colleague), "past" (it has not happened yet),
    # "future" (it has already happened).
    denies: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()  # what it answers Yes to: "colleague" - only offered when a colleague is named


def _document(tree, situation, fields, phrases, weights) -> _Document:
    weight_of: dict[str, float] = {}
    for name, words in fields.items():
        for word in words:
            weight_of[word] = max(weight_of.get(word, 0.0), weights[name])
    denies, needs = _given_facts(tree, situation)
    return _Document(tree, situation, fields, tuple(phrases), len(weight_of), weight_of, denies, needs)


# The question that asks who did it: "...something a colleague has done", "a colleague's
# contact outside work", "a colleague giving lifts". Not every question naming a colleague
# asks that: "Is the person you would tell a colleague?", "...telling them about a
# colleague?", "images of someone you support, or a colleague" are about something else,
# and reading them as "a colleague did it" hid the situations that answer them.
_WHO_DID_IT = re.compile(r"\ba colleague(?:'s [a-z]| has\b| is\b| giving\b)")


def _given_facts(tree: Tree, situation: Situation | None) -> tuple[frozenset[str], frozenset[str]]:
    """What a situation's answers rule out, and what they assume, in words search can check against a query."""
    if situation is None:
        return frozenset(), frozenset()
    denied, needed = set(), set()
    if "colleague" in tree.title.lower():  # "Worried about a colleague": every situation in it is a colleague's conduct
        needed.add("colleague")
    for question_id, answer in situation.answers:
        question = tree.questions.get(question_id)
        if not isinstance(question, Question):
            continue
        ask = question.ask.lower()
        if _WHO_DID_IT.search(ask):
            (needed if answer is Answer.YES else denied).add("colleague")
        elif "between colleagues" in ask and answer is Answer.YES:  # a couple at work: a colleague is named
            needed.add("colleague")
        if "already" in ask:
            denied.add("past" if answer is Answer.NO else "future")
    return frozenset(denied), frozenset(needed)


@cache
def _lemmatiser():
    import simplemma  # imported here: it takes ~0.1 s, and most commands never search

    return simplemma.lemmatize


@lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    """A word's dictionary form: gave -> give, hugged -> hug, children -> child.

    A hyphenated word ("co-worker") is kept whole, without its hyphens, so it is
    never taken for two words ("co", "worker").
    """
    if word.startswith("my-"):
        return word
    if "-" in word:
        return word.replace("-", "")
    if not word.isalpha():
        return word
    # low_memory: the dictionary is read on demand, ~3 MB instead of ~25 MB, with the same lemmas.
    return _lemmatiser()(word, lang="en", low_memory=True).lower()


@lru_cache(maxsize=20_000)
def is_english(word: str) -> bool:
    """A real word in the lemmatiser's dictionary: never "corrected" into another one (college is not colleague)."""
    import simplemma

    return simplemma.is_known(word, lang="en", low_memory=True)


# Everyone staff support is "a person" to search: pupil, resident, tenant, service
# user, young person, kid. Which of them it is never tells which dilemma it is, and
# counting those words let a topic that says "service user" win on that alone.
_PEOPLE = frozenset(
    """pupil student child kid young person people service user resident tenant client teenager boy
    girl lad lass man woman lady gentleman adult individual customer yp cyp""".split()
)

# "my daughter" is the worker's own family, "her daughter" the family of someone they
# support: different dilemmas (knowing someone already, or their family). So "my" and
# the word after it are kept together for these words, and match only "my ..." keywords.
_MINE = frozenset(
    """parent mother father son daughter child children kid kids baby brother sister cousin niece nephew
    aunt uncle grandparent grandchild grandson granddaughter partner husband wife boyfriend girlfriend ex
    friend friends mate mates neighbour family relative relatives home house address number phone car
    flat""".split()
)


@lru_cache(maxsize=4096)
def _dropped_g(word: str) -> str:
    """'thinkin' -> 'thinking', 'poppin' -> 'popping': an -ing typed without its g, when that is a word and this is not."""
    if len(word) > 4 and word.endswith("in") and word.isalpha() and not is_english(word) and is_english(word + "g"):
        return word + "g"
    return word


class Analyser:
    """Turns text into the lemmas search compares: synonyms applied, function words dropped."""

    def __init__(self, synonyms: Mapping[str, str] | None = None) -> None:
        self.synonyms = {tuple(key.split()): value.split() for key, value in (synonyms or {}).items()}
        # The longest entry starting with each word: most words start none, and are passed by at once.
        self._longest_from: dict[str, int] = {}
        for key in self.synonyms:
            self._longest_from[key[0]] = max(self._longest_from.get(key[0], 0), len(key))
        self._tokens_of = lru_cache(maxsize=512)(self._tokens)

    def tokens(self, text: str) -> list[str]:
        """Lower-case words, with synonyms replaced ("yp" -> "young person") and "£20" -> "money"."""
        # Ranking reads the same words several ways (terms, tense, who did it): they are worked out once.
        return list(self._tokens_of(text))

    def _tokens(self, text: str) -> tuple[str, ...]:
        raw = []
        for token in _raw_tokens(text):
            if _MONEY.match(token):
                raw.append("money")
            elif token.endswith("'s"):
                raw.append(token[:-2])
            else:
                raw.append(_dropped_g(token))
        words: list[str] = []
        position = 0
        while position < len(raw):
            if raw[position] not in self._longest_from and (lemma(raw[position]),) not in self.synonyms:
                words.append(raw[position])
                position += 1
                continue
            longest = self._longest_from.get(raw[position], 1)
            for size in range(min(longest, len(raw) - position), 0, -1):
                key = tuple(raw[position : position + size])
                replacement = self.synonyms.get(key)
                if replacement is None and size == 1:
                    replacement = self.synonyms.get((lemma(key[0]),))
                if replacement is not None:
                    words.extend(replacement)
                    position += size
                    break
            else:
                words.append(raw[position])
                position += 1
        # A number on its own ("yr 9", "3 nights") says nothing; in the word list it may ("section 47", "class 1 insurance").
        return tuple(_join_mine([word for word in words if not word.isdigit()]))

    def lemmas(self, text: str) -> list[str]:
        """The lemmas of a text's content words, in order ("person" for anyone supported).

        A verb and its particle are also kept together ("asked me out" -> ask,
        ask_out; "pick him up" -> pick, pick_up): the particle is a function word
        on its own, but "ask out" is a date and "ask" is not.
        """
        found = []
        words = self.tokens(text)
        for position, word in enumerate(words):
            base = lemma(word)
            if word in STOPWORDS or base in STOPWORDS:
                continue
            found.append("person" if base in _PEOPLE or word in _PEOPLE else base)
            particle = None if _names_someone(word) else _particle_after(words, position)
            if particle and base.isalpha():
                found.append(f"{base}_{particle}")
        return found


def _names_someone(word: str) -> bool:
    """Someone supported or their parent: a person, never a verb ("the mums", "a resident")."""
    return word in _PEOPLE or word in _PARENTS or lemma(word) in _PEOPLE


_PARENTS = frozenset("parent parents family mum dad".split())


# The particles of phrasal verbs, and the short objects that may stand between
# verb and particle ("pick him up", "ask her out", "dropped a resident off").
_PARTICLES = frozenset("out up off round over back away down".split())
_OBJECTS = frozenset("me him her them us it you".split())
_DETERMINERS = frozenset("a an the this that his their our one".split())


def _particle_after(words: list[str], position: int) -> str | None:
    """The particle a verb at `position` takes, next to it or after its object: "asked me out" -> "out".

    The object is a pronoun, or someone supported with a determiner before it
    ("dropped a resident off", "pick the kids up"). Someone supported never
    takes a particle themselves: in "rating the mums out of ten", "out" is not
    the mums'.
    """
    ahead = position + 1
    if ahead < len(words) and words[ahead] in _OBJECTS:
        ahead += 1
    elif ahead < len(words) and words[ahead] in _DETERMINERS:
        if ahead + 1 < len(words) and _names_someone(words[ahead + 1]):
            ahead += 2
    elif ahead < len(words) and _names_someone(words[ahead]):
        ahead += 1
    if ahead < len(words) and words[ahead] in _PARTICLES:
        # "out of ten", "out of hours": a preposition, not a particle.
        return None if words[ahead + 1 : ahead + 2] == ["of"] else words[ahead]
    return None


# Words that may stand between "my" and what is mine: "my own car", "my personal number".
_BETWEEN = frozenset("own personal private home work new old best little big younger older eldest youngest".split())


# Relatives that, without "my", say the worker knows someone already ("my nephew
# started here"). Someone else's ("his nephew never visits", "her cousin picks her
# up") are the family of the person supported: they say "family", not "related to me".
_THEIRS = frozenset("his her their".split())
_RELATIVES = frozenset(
    """cousin niece nephew aunt auntie uncle grandparent grandchild grandson granddaughter relative
    sibling brother sister""".split()
)


def _join_mine(words: list[str]) -> list[str]:
    """'my daughter' -> 'my-daughter', 'my own car' -> 'my-car': the worker's own, kept apart from theirs.

    'his nephew' -> 'his family': a relative of someone else's is their family.
    """
    joined: list[str] = []
    position = 0
    while position < len(words):
        if words[position] in _THEIRS:
            # "her uncle", "her older cousin", "his little brother": someone else's relative.
            ahead = position + 1
            if ahead < len(words) and words[ahead] in _BETWEEN:
                ahead += 1
            if ahead < len(words) and lemma(words[ahead]) in _RELATIVES:
                joined += [words[position], "family"]
                position = ahead + 1
                continue
        own_alone = words[position] == "own" and (position == 0 or words[position - 1] not in _THEIRS | {"my"})
        if own_alone and position + 1 < len(words) and lemma(words[position + 1]) in _MINE:
            # "own son in class" with no "my" is still the worker's; "her own son" is not.
            joined.append(f"my-{lemma(words[position + 1])}")
            position += 2
            continue
        if words[position] == "my":
            mine = None
            for ahead in range(position + 1, min(position + 4, len(words))):
                if lemma(words[ahead]) in _MINE or words[ahead] in _MINE:
                    mine = ahead
                if words[ahead] not in _BETWEEN:
                    break
            if mine is not None:
                joined.append(f"my-{lemma(words[mine])}")
                position = mine + 1
                continue
        joined.append(words[position])
        position += 1
    return joined


class SearchIndex:
    """Topics and their situations, ready to rank against what someone typed."""

    def __init__(self, trees: Iterable[Tree], synonyms: Mapping[str, str] | None = None) -> None:
        self.trees = list(trees)
        self.analyser = Analyser(synonyms)
        self.documents: list[_Document] = []
        for tree in self.trees:
            self.documents.append(self._topic_document(tree))
            self.documents.extend(self._situation_document(tree, s) for s in tree.situations.values())
        topic_texts = [frozenset().union(*d.fields.values()) for d in self.documents if d.situation is None]
        self.vocabulary = sorted(frozenset().union(*topic_texts)) if topic_texts else []
        # Rarity is counted over the words authors chose for finding a topic, not its
        # questions: nearly every tree asks "is it about a colleague?", and that must
        # not make "colleague" a word that says nothing.
        finding = [
            frozenset().union(*(words for name, words in d.fields.items() if name != "questions"))
            for d in self.documents
            if d.situation is None
        ]
        # Typos are matched against the words as authors wrote them ("shopping"), then
        # taken to their lemma ("shop"): a typo of an inflected word is still found.
        self._known = set(self.vocabulary)
        self._surface = self._surface_words(self.trees)
        self._surface_key = tuple(sorted(self._surface))
        count = len(finding)
        # Rarer words tell more: a word in one topic of thirteen outweighs one in every topic.
        # A word that only a question's text uses ("never", "office") is counted over the
        # questions instead: otherwise, found in no finding text, it would look rarer than any.
        asked = [d.fields["questions"] for d in self.documents if d.situation is None]
        self.rarity = {}
        for word in self.vocabulary:
            found_in = sum(1 for text in finding if word in text) or sum(1 for text in asked if word in text)
            self.rarity[word] = math.log((count + 1) / (found_in + 0.5))
        self._index_of = {d.tree.id: n for n, d in enumerate(self.documents) if d.situation is None}
        # Topics mostly about colleagues: most of their situations assume a colleague
        # (today only colleague_concerns, whose every situation does).
        self._colleague_topics = set()
        for tree in self.trees:
            situations = [d for d in self.documents if d.tree is tree and d.situation is not None]
            if situations and sum("colleague" in d.needs for d in situations) > len(situations) / 2:
                self._colleague_topics.add(tree.id)

    # --- building -------------------------------------------------------------------

    def _surface_words(self, trees: list[Tree]) -> dict[str, str]:
        surface: dict[str, str] = {}
        known = self._known
        for tree in trees:
            texts = [tree.title, tree.summary, *tree.keywords]
            texts += [text for s in tree.situations.values() for text in (s.title, *s.phrases)]
            for text in texts:
                for word in self.analyser.tokens(text):
                    base = lemma(word)
                    if base in known and len(word) >= MIN_FUZZY_LENGTH - 1:
                        surface.setdefault(word, base)
                        surface.setdefault(base, base)
        return surface

    def _field(self, *texts: str) -> frozenset[str]:
        return frozenset(word for text in texts for word in self.analyser.lemmas(text))

    def _phrases(self, weight: float, texts: Iterable[str]) -> list[tuple[float, frozenset[str]]]:
        found = []
        for text in texts:
            # A phrasal verb is already one word agreeing with itself: "asked me out" is
            # the phrase {ask, out}, not a third word the query must also contain.
            words = frozenset(word for word in self.analyser.lemmas(text) if "_" not in word)
            if len(words) >= 2:
                found.append((weight, words))
        return found

    def _topic_document(self, tree: Tree) -> _Document:
        situations = list(tree.situations.values())
        situation_texts = [s.title for s in situations] + [p for s in situations for p in s.phrases]
        questions = [f"{q.ask} {q.help}" for q in tree.questions.values() if isinstance(q, Question)]
        single = [k for k in tree.keywords if len(self.analyser.lemmas(k)) == 1]
        multiple = [k for k in tree.keywords if len(self.analyser.lemmas(k)) > 1]
        fields = {
            "title": self._field(tree.title),
            "keywords": self._field(*single),
            "keyword_parts": self._field(*multiple),
            "situations": self._field(*situation_texts),
            "summary": self._field(tree.summary),
            "questions": self._field(*questions),
        }
        phrases = self._phrases(_TOPIC_FIELDS["keywords"], tree.keywords)
        phrases += self._phrases(_TOPIC_FIELDS["situations"], [p for s in situations for p in s.phrases])
        return _document(tree, None, fields, phrases, _TOPIC_FIELDS)

    def _situation_document(self, tree: Tree, situation: Situation) -> _Document:
        fields = {"title": self._field(situation.title), "phrases": self._field(*situation.phrases)}
        phrases = self._phrases(_SITUATION_FIELDS["phrases"], situation.phrases)
        return _document(tree, situation, fields, phrases, _SITUATION_FIELDS)

    # --- ranking --------------------------------------------------------------------

    def query_terms(self, query: str, typing: bool = False) -> dict[str, float]:
        """The query's lemmas, each with how sure we are of it (1.0, or less for a typo matched to a known word).

        `typing`: the search box is being typed in, so a last word that is not
        a word yet ("fac") stands for the known words it begins ("facebook").
        """
        terms: dict[str, float] = {}
        if typing and query[-1:].isalnum():
            head, _, last = query.rpartition(" ")
            last = last.lower()
            if len(last) >= MIN_PREFIX_LENGTH and last not in STOPWORDS and lemma(last) not in self._known:
                completions = [word for word in self.vocabulary if word.startswith(last)]
                if completions:
                    terms = self.query_terms(head)
                    for word in completions:
                        terms[word] = max(terms.get(word, 0.0), _PREFIX_DISCOUNT)
                    return terms
        for word in self.analyser.lemmas(query):
            if word in self._known or len(word) < MIN_FUZZY_LENGTH or is_english(word):
                terms[word] = max(terms.get(word, 0.0), 1.0)
                continue
            near = _nearest(word, self._surface_key)
            if near is not None:
                near = self._surface[near]
                terms[near] = max(terms.get(near, 0.0), _FUZZY_DISCOUNT)
            else:
                terms[word] = max(terms.get(word, 0.0), 1.0)
        return terms

    def _score(self, document: _Document, terms: dict[str, float], telling: float) -> float:
        """How well a document explains the query; `telling` is the rarity the whole query carries."""
        total, explained, telling_words = 0.0, 0.0, 0
        weight_of = document.weight_of
        for word, sureness in terms.items():
            best = weight_of.get(word)
            if best:
                rarity = self.rarity.get(word, 0.0)
                total += best * sureness * rarity
                explained += rarity * min(sureness / _PREFIX_DISCOUNT, 1.0) if sureness <= _PREFIX_DISCOUNT else rarity
                telling_words += rarity > _TELLING_RARITY
        if not total:
            return 0.0
        present = {word for word, sureness in terms.items() if sureness > _PREFIX_DISCOUNT}
        # A whole phrase ("friend request", "lift home") is several words agreeing.
        phrase_found = False
        for weight, words in document.phrases:
            if words <= present:
                total += weight * sum(self.rarity.get(word, 0.0) for word in words) / len(words)
                phrase_found = True
        if document.situation is not None and telling_words < 2 and not phrase_found:
            # One word ("hug", "facebook") says which topic, not which situation: the topic comes first.
            total *= _ONE_WORD_SITUATION
        # The more of what they typed a result explains - weighed by how telling each
        # word is, so "service user" matters less than "voucher" - the better it fits.
        return total * math.sqrt(min(1.0, explained / telling)) if telling else total

    def _telling(self, terms: dict[str, float]) -> float:
        """The rarity a query carries: its finished words, and its unfinished last word once."""
        finished = sum(self.rarity.get(w, 0.0) for w, sureness in terms.items() if sureness > _PREFIX_DISCOUNT)
        partial = [self.rarity.get(w, 0.0) for w, sureness in terms.items() if sureness <= _PREFIX_DISCOUNT]
        return finished + (max(partial) if partial else 0.0)

    def rank(self, query: str, most: int = 8, typing: bool = False) -> list[SearchHit]:
        """Topics and situations for a query, best first; every topic, in order, when nothing is typed.

        Only results that are real contenders are returned (at least a share of
        the best score). When nothing matches at all, the general "a boundary
        may have been blurred" topic is offered, so the list is never empty.
        """
        terms = self.query_terms(query, typing)
        if not terms:
            typed_nothing = not any(character.isalnum() for character in query)
            return [SearchHit(tree, None, 0.0) for tree in self.trees] if typed_nothing else self.fallback()
        telling = self._telling(terms)
        # Never offer a situation whose given answers say the opposite of what was typed:
        # "my colleague keeps messaging a girl" is not "someone contacted YOUR phone", and
        # "I hugged her" is not "you want to comfort them" (which answers "already happened?" No).
        told = tense(query)
        past = {"past"} if told == "past" else set()
        colleague_did_it = self.colleague_did_it(query)
        said = set() if self.asked_about_a_colleague(query) else {"colleague"} & set(terms)
        said |= {told} if told else set()  # what the query says outright
        if colleague_did_it:
            said.add("colleague")
        # ...and what it may be about: "the TA", "our manager" may well be a colleague.
        typed = set(_raw_tokens(query))
        may = ({"colleague"} if _COLLEAGUE_WORDS & set(terms) or _COLLEAGUE_NOUNS & typed else set()) | past
        own: dict[int, float] = {}  # document index -> how well it explains the query on its own
        for number, document in enumerate(self.documents):
            contradicts = document.denies & said or document.needs - may
            own[number] = 0.0 if contradicts else self._score(document, terms, telling)
            if colleague_did_it and ("colleague" in document.needs or document.tree.id in self._colleague_topics):
                own[number] *= _COLLEAGUE_DID_IT
        # A topic's evidence is its own words and its best two situations' words together:
        # "my mum gave me a tenner" speaks for gifts through its situations as much as its keywords.
        evidence: dict[str, float] = {}
        situations: dict[str, list[tuple[float, int]]] = {}
        for number, document in enumerate(self.documents):
            if document.situation is None:
                evidence[document.tree.id] = evidence.get(document.tree.id, 0.0) + own[number]
            elif own[number] > 0:
                situations.setdefault(document.tree.id, []).append((own[number], number))
        for topic, found in situations.items():
            found.sort(reverse=True)
            evidence[topic] = evidence.get(topic, 0.0) + sum(
                weight * score for weight, (score, _) in zip(_SITUATIONS_AS_EVIDENCE, found, strict=False)
            )
        best = max(evidence.values(), default=0.0)
        if best <= 0:
            return self.fallback()
        # One telling word ("hug", "voucher") says which topic, not which situation: the topic leads.
        specific = sum(1 for word in terms if self.rarity.get(word, 0.0) > _TELLING_RARITY) > 1
        hits: list[SearchHit] = []
        topics = sorted(
            (topic for topic, score in evidence.items() if score > 0 and score >= best * _SHOWN_FRACTION),
            key=lambda topic: (-round(evidence[topic], 6), *self._topic_specificity(topic)),
        )
        for topic in topics:
            document = self.documents[self._index_of[topic]]
            found = situations.get(topic, [])
            # Within a topic: the situations that fit better than the topic as a whole come first.
            lead = evidence[topic] * _SITUATION_LEADS
            ahead = [
                (s, n)
                for s, n in found
                if specific and s + _SITUATION_SHARE_OF_TOPIC * own[self._index_of[topic]] > lead
            ]
            behind = [(s, n) for s, n in found if (s, n) not in ahead and s >= found[0][0] * _SHOWN_FRACTION]
            hits += [SearchHit(document.tree, self.documents[n].situation, round(s, 3)) for s, n in ahead]
            hits.append(SearchHit(document.tree, None, round(evidence[topic], 3)))
            hits += [SearchHit(document.tree, self.documents[n].situation, round(s, 3)) for s, n in behind]
        return hits[:most]

    def colleague_did_it(self, query: str) -> bool:
        """Whether the query is about what a colleague did: a colleague is named before the writer or anyone supported.

        "my co worker keeps buying one tenant treats", "one of the TAs always lets
        the same boy off": the dilemma is a colleague's conduct, whatever they did.
        """
        words = self.analyser.tokens(_after_hedges(query))
        for position, word in enumerate(words):
            base = lemma(word)
            if word in _FIRST_PERSON or word.startswith("my-") or base in _PEOPLE or word in _PEOPLE:
                return False  # the writer, their own family or friend, or someone they support comes first
            if _names_a_colleague(word):
                before = set(words[max(0, position - 3) : position])
                after = lemma(words[position + 1]) if position + 1 < len(words) else ""
                # Not "social worker", "as a TA", "been key worker", "other staff say I...".
                return not (before & _NOT_A_COLLEAGUE or after in _REPORTING)
        return False

    def asked_about_a_colleague(self, query: str) -> bool:
        """Whether the first colleague named is what someone asked about ("asked if miss is gay"), not who did something."""
        for clause in _CLAUSE.split(query):
            words = self.analyser.tokens(clause)
            for position, word in enumerate(words):
                if _names_a_colleague(word):
                    # Someone asks first ("asked if our TA is leaving"), or the clause is their question,
                    # asked afterwards ("why has my TA changed - kids asking").
                    before = words[:position]
                    asked = any(lemma(other) in _ASKING_LEMMAS for other in before) or (
                        before[:1] and before[0] in _ASKED_ABOUT and any(lemma(w) in _ASKING_LEMMAS for w in words)
                    )
                    return bool(asked and _ASKED_ABOUT & set(before[-4:]))
        return False

    def _topic_specificity(self, topic: str) -> tuple:
        """On a tie, the narrower topic first and the general fallback last; never the alphabet."""
        return (topic == FALLBACK_TOPIC, self.documents[self._index_of[topic]].size, topic)

    def fallback(self) -> list[SearchHit]:
        return [SearchHit(tree, None, 0.0) for tree in self.trees if tree.id == FALLBACK_TOPIC]

    def topic_ids(self, query: str, most: int = 3) -> list[str]:
        """The distinct topics of the best results, best first (for "did you mean" and the tests)."""
        seen: dict[str, None] = {}
        for hit in self.rank(query, most=20):
            seen.setdefault(hit.tree.id)
        return list(seen)[:most]


@lru_cache(maxsize=4096)
def _nearest(word: str, vocabulary: tuple[str, ...]) -> str | None:
    """The known word a typo most likely meant, if one is close enough."""
    from rapidfuzz import fuzz, process  # imported here: only typed words that no topic uses need it
    from rapidfuzz.distance import OSA

    candidates = [w for w in vocabulary if abs(len(w) - len(word)) <= 2 and len(w) >= MIN_FUZZY_LENGTH - 1]
    # Two letters swapped is the commonest slip of a hurried typist ("kciks", "tickels", "udpates"):
    # it is one step, and it beats a word that differs by a letter ("tickels" is not "tickets").
    letters = sorted(word)
    swapped = [w for w in candidates if sorted(w) == letters and OSA.distance(word, w) == 1]
    if swapped:
        return swapped[0]
    match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return match[0] if match else None
