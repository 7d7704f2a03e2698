"""'Not sure which topic?': what staff might type, and the topic that should be suggested first or second."""

import pytest

from .bundled import INDEX

PHRASINGS = [
    ("a parent gave me a £20 voucher", "gifts"),
    ("he keeps asking to borrow money", "gifts"),
    ("a resident left me money in his will", "gifts"),
    ("a pupil sent me a friend request", "social_media"),
    ("she wants my mobile number", "social_media"),
    ("the mum messaged me on whatsapp", "social_media"),
    ("a girl hugged me when she was upset", "physical_contact"),
    ("can I drive him home", "lifts"),
    ("he made a comment about my body", "sexualised_behaviour"),
    ("I bumped into a young person at the supermarket", "contact_outside_work"),
    ("a parent invited me to a birthday party", "contact_outside_work"),
    ("I realised the new resident is my cousin's child", "knowing_someone"),
    ("my neighbour's son has started at the school", "knowing_someone"),
    ("I think a colleague is too close to a pupil", "colleague_concerns"),
    ("a colleague shouted at a child", "colleague_concerns"),
    ("I have become attached to someone I support", "feelings_favouritism"),
    ("a resident says I am her favourite", "feelings_favouritism"),
    ("a colleague filmed a pupil on their phone", "photos_filming"),
    ("can I take a photo of the class for my facebook", "photos_filming"),
    ("a young person asked me to keep a secret", "confidentiality"),
    ("I was arrested at the weekend", "own_conduct"),
    ("can I wear my political badge at work", "own_conduct"),
    ("I told a pupil about my divorce", "own_conduct"),
    ("something feels off but I do not know what", "boundary_blurred"),
]


@pytest.mark.parametrize("text, topic", PHRASINGS)
def test_suggests_the_right_topic_first(text, topic):
    assert INDEX.topic_ids(text)[0] == topic, (text, INDEX.topic_ids(text))


def test_nothing_matching_falls_back_to_the_general_topic():
    assert [hit.tree.id for hit in INDEX.rank("xyzzy plugh")] == ["boundary_blurred"]


@pytest.mark.parametrize(
    ("text", "never"),
    [
        # Written in the past tense: never a situation that answers "Has it already happened?" No.
        ("gave a young person a hug when she was crying", "past"),
        ("mum gave me a tenner at pick up", "past"),
        # Only a promise or a plan: never a situation that answers "Has it already happened?" Yes.
        ("I told her I'd give her a lift home", "future"),
        ("she said she will bring me a present tomorrow", "future"),
        ("i told him id drop him off at his nans", "future"),
        # A colleague named: never a situation that answers "Is it about a colleague?" No.
        ("my colleague keeps messaging one of the girls on snap", "colleague"),
    ],
)
def test_no_situation_offered_says_the_opposite_of_what_was_typed(text, never):
    word, contrary = {"past": ("already", "no"), "future": ("already", "yes"), "colleague": ("colleague", "no")}[never]
    for hit in INDEX.rank(text):
        if hit.situation is None:
            continue
        for question_id, answer in hit.situation.answers:
            ask = hit.tree.questions[question_id].ask.lower()
            assert not (word in ask and answer.value == contrary), (text, hit.key, ask)


def test_a_situation_about_a_colleague_needs_a_colleague_named():
    assert all(hit.key != "physical_contact/colleague_touching" for hit in INDEX.rank("kid hugged me"))
    assert INDEX.rank("colleague giving lifts to a resident")[0].key == "lifts/colleague_giving_lifts"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # The README's examples, and the issue's: each opens the right place on the bundled trees.
        ("voucher", "gifts"),
        ("facebook", "social_media"),
        ("hug", "physical_contact"),
        ("car home", "lifts"),
        ("mum gave me a tenner at pick up", "gifts/present_already_given"),
        ("child sent me a friend request", "social_media"),
        ("kid hugged me", "physical_contact"),
        ("mum gave me 20 quid", "gifts/present_already_given"),
        ("drove a YP to the station", "lifts"),
        ("giftt", "gifts"),
        ("facebok", "social_media"),
    ],
)
def test_the_readme_and_issue_examples_open_the_right_place(text, first):
    assert INDEX.rank(text)[0].key.startswith(first), (text, [hit.key for hit in INDEX.rank(text)[:3]])


@pytest.mark.parametrize(
    ("text", "did_it"),
    [
        # A colleague named before the writer or anyone supported: their conduct is the dilemma.
        ("my co worker keeps buying one young person sweets", True),
        ("one of the TAs shouts at the same boy every day", True),
        ("theres a support worker on nights who takes one girl out", True),
        # The writer, their own family or friend, or someone supported comes first.
        ("I told my manager a pupil hugged me", False),
        ("my sister is deputy manager here", False),
        ("a resident says the night staff are mean", False),
        # A role word that is the writer, someone outside, or a colleague only reporting.
        ("as a TA can I hug a crying child", False),
        ("social worker rang asking about a resident", False),
        ("other staff say I favour one young person", False),
        ("manager wants me to take a yp to court in my own car", False),
        # A first clause naming nobody is the writer hedging, not the writer acting.
        ("Not sure if I'm being paranoid. One of our support workers shuts the door with one tenant", True),
        ("probably me overthinking but the senior on nights is rough with one lad", True),
        ("she burst into tears and i hugged her. one of the other teachers gave me a look", False),
    ],
)
def test_who_did_it_is_read_from_who_comes_first(text, did_it):
    assert INDEX.colleague_did_it(text) is did_it


def test_when_a_colleague_did_it_no_situation_says_it_was_not_a_colleague():
    hits = INDEX.rank("my co worker keeps buying one tenant treats and shuts the door")
    assert hits, "nothing found"
    for hit in hits:
        if hit.situation is not None:
            asks = [(hit.tree.questions[q].ask.lower(), a.value) for q, a in hit.situation.answers]
            assert ("colleague", "no") not in [("colleague" if "colleague" in ask else ask, a) for ask, a in asks], (
                hit.key
            )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # A verb and its particle mean together what neither means alone.
        ("an ex service user asked me out", "sexualised_behaviour"),
        ("young person asked me to pick him up from town", "lifts"),
    ],
)
def test_a_phrasal_verb_is_read_whole(text, first):
    assert INDEX.topic_ids(text)[0] == first, (text, INDEX.topic_ids(text))


def test_a_particle_belongs_to_the_verb_not_to_the_person():
    lemmas = INDEX.analyser.lemmas
    # "dropped a resident off" is dropping off; "rating the mums out of ten" has no "mum_out".
    assert "drop_off" in lemmas("dropped a resident off")
    assert "drop_off" in lemmas("drop the kids off")
    assert not [word for word in lemmas("rating the mums out of ten") if word.endswith("_out")]
    assert not [word for word in lemmas("grabbed resident off road") if word.startswith("person_")]


def test_someone_elses_relative_is_their_family_not_the_workers():
    lemmas = INDEX.analyser.lemmas
    # "my nephew" says the worker knows someone already; "his nephew" is the family of the person supported.
    assert "my-nephew" in lemmas("my nephew started at the unit")
    assert "nephew" not in lemmas("his nephew never visits") and "family" in lemmas("his nephew never visits")
    top = INDEX.topic_ids("old gent told me hes putting me in his will, his nephew never visits")
    assert top[0] == "gifts", top


@pytest.mark.parametrize(
    ("text", "not_offered"),
    [
        # A situation must not be offered where its given answers are wrong for the writer.
        ("a pupil told me Mr Davies grabbed her arm", "physical_contact/hugged_already"),  # not "you hugged"
        ("she told me she's scared to be alone with her stepdad", "physical_contact/alone_with_them"),
        (
            "her case was closed by social care but she is still in my class, can I add her mum on facebook",
            "social_media/former_pupil_contact",
        ),
    ],
)
def test_a_situation_is_not_offered_with_the_wrong_given_answers(text, not_offered):
    assert not_offered not in [hit.key for hit in INDEX.rank(text)[:3]], [hit.key for hit in INDEX.rank(text)[:3]]


@pytest.mark.parametrize(
    ("text", "not_first"),
    [
        # Word-list entries with a second everyday sense, narrowed so the other sense is
        # not forced (each of these went to the topic on the right before).
        ("she said he touched her against her will", "gifts"),  # not a will
        ("her big brother touched her private parts", "feelings_favouritism"),  # a real brother
        ("after seeing a colleague slap a child I don't know what to do", "knowing_someone"),  # witnessing
        ("I think a colleague nicked money from a resident's purse", "own_conduct"),  # stole, not arrested
        ("I recorded her disclosure word for word", "photos_filming"),  # wrote down
        ("a colleague dropped him during a hoist transfer", "lifts"),  # let fall
        ("a colleague crushed his tablets into his yoghurt", "sexualised_behaviour"),  # not a crush
        ("a colleague crushed his tablets into his yoghurt", "photos_filming"),  # medication, not an iPad
        ("the young person made out I touched him", "physical_contact"),  # claimed
        ("can I run to the shops on my break for my own stuff", "lifts"),  # an errand
        ("she volunteered that her uncle hurts her", "colleague_concerns"),  # said, not a volunteer
        ("found a blade in her room and cuts on her arm", "physical_contact"),  # self-harm
        ("she's in crisis and talking about ending her life", "physical_contact"),  # suicidal, not a hold
        ("she refers to me as mum", "confidentiality"),  # not a referral
        ("can a resident charge her phone in the office", "confidentiality"),  # not charged by police
        ("a little one wants me to carry her", "confidentiality"),  # not carrying drugs
    ],
)
def test_a_second_sense_in_the_word_list_does_not_lead(text, not_first):
    assert INDEX.topic_ids(text)[0] != not_first, (text, INDEX.topic_ids(text))


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        # Only "did a colleague do it?" questions say who did it. "Images of someone you
        # support, or a colleague" and "telling them about a colleague" do not: reading
        # them so hid these situations from every search.
        ("can i take photos of the kids for their learning journal", "photos_filming/work_photos"),
        ("took photos of a pupil on my own phone", "photos_filming/already_took_photos"),
        ("pupil keeps asking if miss is pregnant", "confidentiality/asked_about_a_colleague"),
        # A colleague someone asked about is not a colleague who did something.
        ("a pupil asked me if my colleague is pregnant", "confidentiality/asked_about_a_colleague"),
        # "I'd already given" is the past, "I'd give" the future.
        ("I'd already given her a lift home before I read the policy", "lifts/lift_already_given"),
        ("my colleague keeps making racist jokes about the other staff", "colleague_concerns/remarks_to_staff"),
        # An offer or a request has not happened yet: "offered" and "asked" are not "already".
        ("mum offered me a tenner", "gifts/offered_money"),
        # ...but saying yes, thanks, or starting it, has: the offer was taken up.
        ("mum offered me a tenner and I said thanks", "gifts/present_already_given"),
        ("I've started giving a resident lifts to work", "lifts/lift_already_given"),
        # Staff named by a word that is also a verb are colleagues as nouns.
        ("our volunteer keeps giving a girl lifts home", "lifts/colleague_giving_lifts"),
        ("the new cook keeps hugging one girl", "physical_contact/colleague_touching"),
        ("a student teacher added a pupil on instagram", "colleague_concerns/colleague_crossed_line"),
        ("a pupil asked me for a lift home", "lifts/asked_for_lift"),
    ],
)
def test_a_situation_is_offered_when_its_given_answers_fit(text, offered):
    assert offered in [hit.key for hit in INDEX.rank(text)[:3]], [hit.key for hit in INDEX.rank(text)[:3]]


# Disclosures and signs of harm, in the words staff use, written while auditing keywords
# with a second everyday sense ("scarf", "account", "temper", "uniform", "pay", "step").
# They must open a topic whose questions treat them as harm: disclosures (confidentiality),
# sexual harm, or a colleague's conduct. Every tree also asks about harm first, but the
# topic decides what the worker reads and which situations are offered.
_DISCLOSURE_TOPICS = {"confidentiality", "sexualised_behaviour", "colleague_concerns"}


@pytest.mark.parametrize(
    "text",
    [
        "I found out she's been cutting herself",
        "his little sibling is being hit at home",
        "she told me her step dad hits her",
        "she's in crisis and talking about ending her life",
        "she has cuts on her arm",
        "she covers her arms even in summer",
        "in the past she has tried to hurt herself",
        "she's been burning herself with a lighter",
        "he turned up with a black eye",
        "I couldn't wake him this morning",
        "he is scared of the man who comes to his house",
        "her new older boyfriend picks her up from school",
        "she has been secretly meeting an older man",
        "I witnessed a colleague slap a resident",
        "a colleague lifted her top to look at her belly",
        "his dad punched him in the face",
        "her dad dragged her by the hair",
        "I think he is neglected at home",
        "he's been sleeping rough since his mum kicked him out",
        "her mum was drunk at pick up",
        "she said she is scared of her dad's temper",
        "her dad has a drink problem",
        "his dad was arrested for hitting him",
        "he is always hungry and his uniform is dirty",
        "an older man offered her modelling work",
        "he held a knife to his brother's throat",
        "he's being paid to carry drugs",
        "he had a pen knife in his bag",
        "he flinches when anyone raises their hand",
        "her dad punishes her by not feeding her",
        # Someone else's relative, "found out" and "revealed" (not a revealing top), signs of self-harm
        # and going missing: each opened another topic before.
        "I found out her uncle has been touching her",
        "she revealed that her uncle has been touching her",
        "she told me her older cousin has been touching her",
        "he said his step brother touches him at night",
        "his mood swings are getting worse and he talks about dying",
        "fresh scratches on her arms again",
        "she tied a scarf round her neck",
        "she ran off with an older man last night",
        # "in bed" is bedtime, but someone in bed with someone is sexual harm until shown otherwise.
        "he climbed into bed with her",
        "she got in bed with me",
        "found him in bed with another resident",
        "he touches himself in bed at night",
        # A policy reader's second senses: someone else's silence, someone else's own son,
        # a man revealing himself, a colleague's hands round a neck.
        "she told me her stepdad hits her but she didnt tell anyone else",
        "her mum hits her own son",
        "a man revealed himself to the girls",
        "my colleague grabbed him round his neck",
        "a pupil at school said her step dad hurts her",
        "I saw a parent smack her kid",
        "she came back from her visit to dads with bruises",
        "my colleague hurt a resident",
        "her mum wants to know where shes placed",
        "found him in bed with another resident",
        "I have proof a colleague is hurting residents",
    ],
)
def test_a_disclosure_of_harm_opens_a_topic_that_treats_it_as_harm(text):
    assert INDEX.topic_ids(text)[0] in _DISCLOSURE_TOPICS, (text, INDEX.topic_ids(text))


def test_two_swapped_letters_are_one_slip():
    # A swapped pair is the commonest slip; "tickels" is "tickles", not "tickets" (one letter off).
    terms = INDEX.query_terms
    assert "tickle" in terms("colleague tickels the kids")
    assert "ticket" not in terms("colleague tickels the kids")
    assert "kick" in terms("yp kciks off when im not on shift")


@pytest.mark.parametrize(
    ("text", "not_first"),
    [
        # Words in another sense: watching films is not filming.
        ("night staff lets one lad sit up in the office watching films till 2am", "photos_filming"),
        # Followed in person is not followed online.
        ("a pupil followed me from school", "social_media"),
        ("a resident followed me to my car", "social_media"),
        # A disclosure of fear or force at home is not a colleague worry or a hug.
        ("she told me she's scared to be alone with her stepdad", "colleague_concerns"),
        ("she told me her dad grabbed her", "physical_contact"),
        # A title is a parent's too: Mrs Smith offering money is a gift, not a colleague.
        ("Mrs Smith keeps offering me money", "colleague_concerns"),
        # Older boys are usually peers, not adults grooming.
        ("older boys in year 11 are bullying him", "sexualised_behaviour"),
        # Nipping to the post office yourself is an errand; nipping someone to town is a lift.
        ("can i nip to the post office for my own parcel while im out with a young person", "lifts"),
        # Keyword phrases that left one everyday word once "over the", "for", "you're" were
        # dropped ("over the road" -> road, "for free" -> free, "you're hot" -> hot).
        ("grabbed resident off road", "knowing_someone"),
        ("she has free school meals and is always hungry", "gifts"),
        ("bath water was too hot", "sexualised_behaviour"),
        ("do I have a duty to report this", "contact_outside_work"),
        ("hygiene is poor and her clothes are dirty", "own_conduct"),
        # "hurt him" alone is not a colleague's harm, and smack is also heroin.
        ("his shoes hurt him", "colleague_concerns"),
        ("another pupil hurt him at break", "colleague_concerns"),
        ("I think hes on smack", "colleague_concerns"),
        ("took a resident for a spin", "physical_contact"),
        # "a couple of staff" is a few of them, not two colleagues who are a couple.
        ("a couple of staff have been drinking on the residential", "colleague_concerns"),
        # "rm" is a room as often as a registered manager; bedtime is not sex.
        ("went into his rm while he was out", "colleague_concerns"),
        ("once the kids are in bed can i ring my partner", "sexualised_behaviour"),
        # A disclosure of hitting at home is not a gift because she "begged" for secrecy.
        ("she said her stepdad hits her mum and shoves her, then begged me not to say anything", "gifts"),
    ],
)
def test_a_word_in_another_sense_does_not_lead(text, not_first):
    assert INDEX.topic_ids(text)[0] != not_first, (text, INDEX.topic_ids(text))


def test_the_lemmatisers_quirks_are_mended_by_the_word_list():
    # simplemma makes "swearing" "sweare" and "bloke" "blike": the word list (data, not code) mends both.
    lemmas = INDEX.analyser.lemmas
    assert lemmas("swearing") == lemmas("the f word") == lemmas("bad language") == ["curse"]
    assert lemmas("swore me to secrecy")[0] == "swear"  # a promise, kept apart from bad language
    assert lemmas("bloke") == lemmas("blokes") == ["guy"]
    # "in front of the kids" is where it happened: not the front seat of a car.
    assert "front" not in lemmas("I swore in front of the kids")
    # "thinking" became "thinke", a word no topic has, and so the rarest word of all.
    assert lemmas("thinking") == lemmas("think") == []
    assert lemmas("fixing my car") == lemmas("fixed my car") == ["fix", "my-car"]


def test_an_ing_typed_without_its_g_is_the_ing():
    lemmas = INDEX.analyser.lemmas
    assert lemmas("poppin round") == lemmas("popping round")
    assert lemmas("chattin") == lemmas("chatting")
    assert lemmas("tryin to give me money") == lemmas("trying to give me money")
    # A word that is already a word keeps its n: "cabin", "admin", "cousin".
    assert lemmas("cabin admin") == ["cabin", "admin"]


def test_function_words_say_nothing_about_the_dilemma():
    # A word found in one topic's words by chance ("anything", "everyone", "well") is not telling.
    lemmas = INDEX.analyser.lemmas
    assert lemmas("I didn't say anything and everyone knows, well, whether or not") == ["say", "know"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # A TA's "1:1" is the child they support; "a 1:1 lesson" is being alone with one.
        ("1:1 music lesson no window in door", "physical_contact/alone_with_them"),
        ("lone working nights with one lad", "physical_contact/alone_with_them"),
        # Short forms: a boyfriend, the registered manager, a team leader.
        ("kids keep asking if ive got a bf", "own_conduct/asked_about_your_life"),
        # A will to witness is a will, though "his will" alone may be "against his will".
        ("grandad of one of our pupils asked me to witness his will", "gifts/will_or_attorney"),
        # "in bed" is bedtime; what someone does in bed is sex.
        ("SU asks if i have a boyfriend and what i do in bed", "sexualised_behaviour"),
        ("is it ok to have a drink on the residential once the kids are in bed", "own_conduct"),
        # Not having told anyone yet is the worker's silence, not a secret asked of them.
        ("gve a pupil a lift and didnt tell anyone", "lifts"),
        # Naming the DSL says who was told, not what it is about.
        ("I told my dsl I gave a pupil my number", "social_media"),
        ("own son in class", "knowing_someone/own_child_attends"),
        # "a&e" is one word, and numbers in the word list count: "section 47", "class 1 insurance".
        ("drove him to a&e in my car", "lifts"),
        ("section 47 meeting tomorrow", "confidentiality"),
        # A promise they want from you is not a secret.
        ("she begged me to promise she won't be moved again", "boundary_blurred/asked_to_promise"),
    ],
)
def test_staff_short_forms_and_senses_open_the_right_place(text, first):
    """Each of these opened another topic first before (readers i and j, and a policy reader's checks)."""
    keys = [hit.key for hit in INDEX.rank(text)]
    assert first in keys[:2], (text, keys[:3])


def test_her_1_1_is_the_adult_assigned_to_her_not_the_child():
    # In a school "her 1:1" is the TA assigned to her: a colleague, not someone supported.
    assert "colleague" in INDEX.rank("her 1:1 TA keeps kissing her")[0].key


def test_a_word_only_a_question_uses_is_not_the_rarest_of_all():
    # "never" appears in no topic's keywords, only in question text: it must not count
    # as more telling than a keyword that belongs to one topic alone.
    assert INDEX.rarity["never"] < INDEX.rarity["voucher"]


def test_dependency_has_a_situation():
    # ahps 4.2 ¶6, aop41 2.2(c) and 2.11(a): someone who depends on one worker.
    keys = [hit.key for hit in INDEX.rank("he only settles for me and kicks off when I'm not on shift")[:3]]
    assert "feelings_favouritism/depends_on_you" in keys, keys


def test_a_disclosure_in_the_search_box_leads_with_the_disclosure_not_the_handover():
    # Seen as a new user at 80x24: "she told me her step dad hits her" listed
    # "what to pass on to colleagues at handover" as its first situation.
    first = INDEX.rank("she told me her step dad hits her")[0].key
    assert first in {"confidentiality", "confidentiality/asked_to_keep_secret"}, first
