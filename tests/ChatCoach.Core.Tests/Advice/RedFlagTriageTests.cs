using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>
/// The safety screen, through the engine (spell check included): what is tested is what a person typing gets. One
/// row per red-flag rule (a test checks none is left out), the idioms and devices that must not trip them, negations,
/// signs at the end of long messages, the semantic second net, and the wording of the urgent reply.
/// </summary>
[Collection(SharedKnowledgeBase.Name)]
public sealed class RedFlagTriageTests(KnowledgeFixture fixture)
{
    public static readonly TheoryData<string, string> RuleExamples = new()
    {
        { "my knee locked and now i can't straighten it", "locking-word" },
        { "my knee keeps catching halfway through a squat", "catching-word" },
        { "i cannot fully bend my knee since yesterday", "cannot-straighten" },
        { "my knee doesn't straighten anymore", "wont-straighten" },
        { "there is a block to full extension of my right knee since the match", "block-to-extension" },
        { "knee gave way going downhill", "gives-way" },
        { "my knee buckled mid run", "buckles" },
        { "since i twisted it my knee feels unstable", "unstable-after-injury" },
        { "turning at netball the knee just went out from under me", "went-from-under-me" },
        { "my knee keeps going on me when i turn", "went-on-me" },
        { "my knee hurts so much i can only hobble", "can-only-hop" },
        { "my knee is agony, i couldn't do more than three steps", "no-more-than-a-few-steps" },
        { "there is a pea under the skin by my knee and it is getting bigger", "under-skin-growing" },
        { "twisted it on a trail and it swelled within an hour", "injury-then-swelling" },
        { "my knee is swollen since the fall", "swelling-after-injury" },
        { "my knee is massively swollen", "marked-swelling" },
        { "my knee swelled up after the run", "swelled-up" },
        { "my knee blew up like a balloon", "blew-up" },
        { "i fell hard on my knee", "fell-on-knee" },
        { "had a nasty fall on the ice and my knee hurts", "had-a-fall" },
        { "got kicked in the knee at football", "hit-the-knee" },
        { "heard a loud pop while running", "heard-a-pop" },
        { "my kneecap popped out and back in", "popped-out" },
        { "i think i tore my acl", "tore-ligament" },
        { "i can't put weight on my left leg", "cannot-bear-weight" },
        { "can barely walk after this morning's run", "cannot-walk" },
        { "i can't stand on my right leg", "cannot-stand-on-it" },
        { "my knee hurts so much that walking is impossible", "standing-impossible" },
        { "my knee is hot and red", "hot-and-red" },
        { "knee is red and hot", "red-and-hot" },
        { "knee warm to the touch", "hot-to-touch" },
        { "sore knee and a fever since yesterday", "fever-with-knee" },
        { "tingling in my foot when running", "numb-or-tingling" },
        { "i lost all feeling in my foot", "lost-feeling" },
        { "i can't feel my toes on long runs", "cannot-feel" },
        { "my calf is swollen and tender", "calf-swollen" },
        { "swelling in my calf after the flight", "swollen-calf" },
        { "worried about a dvt", "clot-word" },
        { "calf pain since the long flight home", "calf-pain-after-stillness" },
        { "a calf cramp that won't go away", "cramp-that-stays" },
        { "the knee looks deformed", "deformed" },
        { "my kneecap is out of place", "out-of-place" },
        { "took a knock in the tackle and my kneecap is out of line now", "out-of-line-after-knock" },
        { "after the fall my knee looks wrong", "looks-wrong" },
        { "took a blow to the knee and it's badly bruised", "blow-with-bruise" },
        { "there's a massive bruise on my knee", "big-bruise" },
        { "knee aches at night and i feel unwell", "night-pain-and-unwell" },
        { "my knee aches at night and i've lost weight", "night-pain-and-weight-loss" },
        { "knee throbs at night and my jeans are looser", "night-pain-clothes-looser" },
        { "weight loss i can't explain and sore knees", "unexplained-weight-loss" },
        { "unbearable pain in my knee even lying in bed", "unbearable" },
        { "severe knee pain at night", "severe-at-night" },
        { "constant knee pain even at rest", "constant-at-rest" },
        { "my knee pain wakes me up", "wakes-me-up" },
        { "knee hurts so much i can't sleep", "cannot-sleep" },
        { "there's a lump below my knee that keeps growing", "growing-lump" },
        { "a hard swelling by my knee gets bigger every week", "swelling-getting-bigger" },
        { "my son is limping and says his knee hurts", "child-limping" },
        { "my daughter has had hip and knee pain for weeks", "child-hip-groin" },
        { "dark urine after my ultra", "dark-urine" },
        { "my pee is brown after the marathon", "urine-is-dark" },
        { "could i have rhabdo after that workout", "rhabdo" },
        { "got a tick bite in the woods and now a rash", "tick-bite" },
        { "a spreading rash on my leg and a swollen knee", "spreading-rash" },
        { "could this knee swelling be lyme", "lyme" },
        { "my knee is red and oozing after my acl surgery", "after-surgery" },
        { "a cotton wool feeling down my shin", "cotton-wool" },
        { "my knee feels like a radiator", "hot-like-a-radiator" },
        { "my knee feels like a hot water bottle and it has gone pink", "like-a-hot-water-bottle" },
        { "the back of my lower leg has gone fat and tender since the long drive", "lower-leg-swollen" },
        { "knee aches in bed at night and i've dropped six kilos without trying", "night-pain-kilos-lost" },
        { "my knee aches most at night and my jeans have gone loose on me", "night-pain-clothes-loose" },
        { "there's a hard bit under my kneecap that has grown over the winter", "hard-thing-grown" },
        { "after the woods a red blotch kept spreading on my shin and now the knee is swollen", "spreading-red-patch" },
        { "halfway down the stairs my knee seized and would not move for a minute", "freezes" },
        { "i have to wiggle my knee about before it will straighten again", "jiggle-to-free" },
        { "since saturday my leg simply can't hold my weight", "leg-wont-hold" },
        { "i can only walk round the flat holding onto the furniture, my knee is that bad", "walk-holding-on" },
        { "my knee hurt so much last night that i had to crawl up the stairs", "had-to-crawl" },
        { "i can barely take two steps before my knee hurts too much to go on", "only-a-few-steps" },
        { "knee is so bad today i'm crawling around the house", "crawling-around" },
        { "my daughter has been walking oddly for a fortnight and holds her knee", "child-walks-oddly" },
        { "a throbbing ache in my calf since the coach trip back from spain", "pain-in-calf-after-stillness" },
        { "got tackled at footy and now my kneecap is sticking out", "sticking-out-after-fall" },
        // advice5: the classes of chat-test4's missed signs, in new words.
        { "halfway through the session my knee started jamming and i had to stop", "catching-word" },
        { "feels like a pebble is lodged inside the knee when i bend it", "wedged-in-joint" },
        { "since the trail run straightening the knee just won't happen", "straightening-wont-happen" },
        { "after the downhill i can't put my foot down at all, the knee screams", "cannot-put-foot-down" },
        { "knee went at the track and now i'm hopping around the flat", "hopping-about" },
        { "my knee is agony whenever i try to stand", "agony-to-stand" },
        { "my knee is swollen and red and the thermometer says 38.9", "fever-reading" },
        { "i'm shivery tonight and my knee has gone puffy and angry", "temperature-with-swollen-knee" },
        { "you can feel heat coming off my knee and it is red", "heat-coming-off" },
        { "my left foot feels like it belongs to somebody else since the marathon", "belongs-to-someone-else" },
        { "my foot has been asleep for four days and never properly wakes up", "asleep-and-stays" },
        { "since the match my kneecap is pointing in a weird direction", "odd-angle" },
        { "since sunday my knee does not look like a knee anymore", "not-like-a-knee" },
        { "after the two day ultra my pee was the colour of strong coffee", "urine-like-dark-drink" },
        // advice9: a knee's shape told as changed after a fall or against the other knee.
        { "went over on the kerb and the shape of my knee is just off now", "shape-changed" },
        { "my left knee is a weird shape compared to the right one since sunday", "odd-shape" },
        { "came off my bike and my kneecap looks out of shape", "out-of-shape" },
        { "my knee is at an odd angle compared to the other one", "at-an-angle" },
        { "went flying at parkrun and now there's a bump on my knee that wasn't there", "bump-that-wasnt-there" },
        // advice10: the classes of chat-test8's missed signs, in new words.
        { "my son has had a sore hip for three weeks", "child-thigh-for-weeks" },
        { "my knee has been waking me nightly and i feel unwell", "woken-and-unwell" },
        { "my foot is sleeping all the time since monday", "foot-is-sleeping" },
        { "a feeling like ants crawling down my shin and my knee aches", "like-ants-crawling" },
        { "a dead feeling in my foot for days now", "dead-feeling-in-foot" },
        { "my toes feel dead and it has been a week", "foot-feels-dead" },
        { "it stays blocked and i must move my knee with the hand to open it", "moved-by-hand" },
    };

    [Theory]
    [MemberData(nameof(RuleExamples))]
    public void Answer_EachRedFlagRule_FiresOnItsExample(string question, string rule)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.Equal(ReplyKinds.Urgent, diagnosis.Reply.Kind);
        Assert.StartsWith($"red-flag rule {rule} (", diagnosis.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleExamples_CoverEveryRule()
    {
        var tested = RuleExamples.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);

        var untested = RedFlagTriage.RuleIds.Select(r => r.Rule).Where(id => !tested.Contains(id)).ToList();

        Assert.Empty(untested);
    }

    [Fact]
    public void Rules_AreListedInTheDocs()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryFile.Root, "docs", "advice-engine.md"));

        var missing = RedFlagTriage.RuleIds.Select(r => r.Rule).Where(id => !docs.Contains($"`{id}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("my kneee lockd up")]
    [InlineData("knee is swolen after i twistd it")]
    [InlineData("it bukled on me")]
    [InlineData("numbnes in my toes")]
    [InlineData("cnat put weight on it")]
    [InlineData("my knee gve way on the stairs")]
    [InlineData("no swelling but my knee gave way twice")]
    [InlineData("it doesn't hurt much but it locked up yesterday")]
    [InlineData("my toes go numb on long runs")]
    // Paraphrases the rules now read (issue 9's miss kinds), in new words.
    [InlineData("i can't put any of my weight on that leg since the kerb")]
    [InlineData("my knee has gone puffy and hot and i feel fluey")]
    [InlineData("knee pain wakes me at 3am and i feel exhausted all day")]
    [InlineData("my little girl keeps dragging her leg and says her knee hurts, for weeks now")]
    [InlineData("a red ring on my thigh is expanding and my knee is swollen")]
    [InlineData("my foot feels fizzy and dead and it has been three days")]
    [InlineData("the back of my lower leg is swollen and hot since the long haul trip")]
    public void Answer_RedFlagWithTyposOrAfterANegation_IsUrgent(string question)
    {
        Assert.Equal(ReplyKinds.Urgent, fixture.Engine.Answer(question).Kind);
    }

    [Theory]
    // safety10: "went from under me" is now a rule (went-from-under-me); the net's paraphrase in other words.
    [InlineData("my knee just disappeared beneath me twice on the stairs", "giving-way")]
    [InlineData("the joint looks angry and feels like it's burning up", "hot-red")]
    public void Answer_ParaphraseNoRuleKnows_IsCaughtBySemanticNet(string question, string code)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.Equal("urgent-semantic", diagnosis.Route);
        Assert.Equal(code, diagnosis.Flag?.Code);
    }

    [Fact]
    public void Answer_SignAtTheEndOfALongCheerfulStory_IsUrgent()
    {
        var story = string.Concat(Enumerable.Repeat("great week, four easy runs and a long one with friends, legs feel good. ", 12));
        var question = story + "only thing: since the long flight home my calf is hot and puffy. any stretches?";

        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.Equal(ReplyKinds.Urgent, diagnosis.Reply.Kind);
        Assert.Equal("calf-clot", diagnosis.Flag?.Code);
    }

    [Theory]
    [InlineData("my knee is a bit sore after long runs")]
    [InlineData("stairs hurt a little")]
    [InlineData("no swelling, just a dull ache")]
    [InlineData("it's not locked or anything")]
    [InlineData("my knee doesn't lock and it never gave way, it just aches")]
    [InlineData("there is no swelling and no numbness")]
    [InlineData("my knee clicks when i squat")]
    [InlineData("my knee pops a bit when i stand up but it doesn't hurt")]
    [InlineData("i can't run more than 5k without knee pain")]
    [InlineData("i fell asleep with ice on my knee")]
    [InlineData("i fell behind on my plan, can i catch up")]
    [InlineData("hit the wall at mile 20")]
    [InlineData("i'm stuck at 5k, how do i go further")]
    [InlineData("my knee looks fine but hurts on stairs")]
    [InlineData("should i use heat or ice on a slightly swollen knee")]
    [InlineData("knee aches at night after a long run")]
    [InlineData("i get pain when sitting for a long time")]
    [InlineData("i can walk fine but running hurts")]
    [InlineData("i can't lose weight and my knees hurt")]
    [InlineData("knee feels stiff in the morning")]
    [InlineData("the pain came back after a week off")]
    [InlineData("in the fall i run more hills")]
    [InlineData("does hot weather make knee pain worse")]
    [InlineData("i hear popping when i squat")]
    [InlineData("it looks like my knees point inwards when i squat")]
    // Devices, idioms and explained symptoms (issue 9's false alarms).
    [InlineData("my watch locked up halfway through my long run")]
    [InlineData("my laptop keeps locking up, any fix")]
    [InlineData("i collapsed onto the sofa after my long run")]
    [InlineData("my brain goes numb on the treadmill, so boring")]
    [InlineData("my knees feel wobbly while i learn to lunge")]
    [InlineData("my toes go numb until i loosen my laces, then they're fine")]
    [InlineData("the lace gave way mid race")]
    [InlineData("my knees locked up with nerves at the start line")]
    [InlineData("my hips feel locked and stiff when i run")]
    [InlineData("my ankles collapse inwards when i run")]
    [InlineData("i ice my knee until it goes numb and red, is that too long")]
    [InlineData("i fell off my bike and sprained my wrist, it's swollen. can i still run?")]
    [InlineData("no dark pee or anything weird after the ultra, just sore legs")]
    // Objects that give way or will not unlock, a fell race, a knee said to be fine, ticks looked for and not found.
    [InlineData("the bookshelf gave way and my stuff is all over the floor")]
    [InlineData("the shelf in my garage gave way overnight")]
    [InlineData("the strap on my knee brace has given way, worth replacing?")]
    [InlineData("my tablet froze and wont unlock")]
    [InlineData("tripped on a root and grazed my hand, knee fine, can i run tomorrow")]
    [InlineData("the descents at the fell race smashed my quads, tips for downhill running")]
    [InlineData("checked my legs for ticks after the trail run, none found. best stretches?")]
    [InlineData("my knee gave way to the pressure of my mates and i signed up for a marathon, how do i train")]
    [InlineData("do fizzy drinks make knee pain worse")]
    // advice4: swelling that is the ankle's, objects that puff up, chat words, a fall onto a mat, history, agony on stairs.
    [InlineData("went over on my ankle at parkrun, the ankle is a bit swollen but i can walk on it. ice or heat?")]
    [InlineData("my phone battery has swelled up, is it safe to charge")]
    [InlineData("the old powerbank in my running vest has puffed up, bin it?")]
    [InlineData("negative split my 10k and i'm so chuffed, how do i keep improving")]
    [InlineData("my core gives up in the last mile and my midsection collapses, does that load my knees")]
    [InlineData("in the plank i last twenty seconds before collapsing onto the mat, easier version please")]
    [InlineData("sprained my knee playing rugby back in 2012, healed fine, how do i start running now")]
    [InlineData("going downstairs after a long run is agony but uphill is fine, why")]
    [InlineData("calves feel tight after the flight but they are not swollen, knee a little sore. ok to jog?")]
    [InlineData("my 12 year old loves running, is it ok for her knees to do a 5k")]
    [InlineData("the crowd was so loud my legs went to jelly... in a good way, how do i pace a 10k")]
    // advice5: the ordinary wording next to each new rule.
    [InlineData("the printer keeps jamming at work, anyway how often should i do hill repeats for my knees")]
    [InlineData("got a stone lodged in my shoe tread, knee is fine, do grippier trail shoes help")]
    [InlineData("straightening out my training plan won't happen until after christmas, knee ok till then?")]
    [InlineData("i can't put my foot down on the pace in the last mile, my knee feels fine, any tips")]
    [InlineData("we did hopping drills and skipping in the warm up, my knees ached a bit after, normal?")]
    [InlineData("the temperature outside was 30 degrees and my knee sleeve left a red line on the skin, is a sleeve ok in summer")]
    [InlineData("i ran 38.5 km on sunday and my knee is a bit swollen, how long should i rest")]
    [InlineData("shivering at the start line in the rain, my knee ached a little, what should i wear")]
    [InlineData("the heat coming off the track in july was brutal, my knee was red from the sun")]
    [InlineData("this water bottle belongs to someone else from the club, anyway best knee stretches?")]
    [InlineData("my foot fell asleep for a minute sitting cross-legged, all fine now, can i run tonight")]
    [InlineData("my foot lands at an odd angle when i run, is that why my knee aches")]
    [InlineData("my knee doesn't look swollen, it just aches on stairs")]
    [InlineData("had soy sauce noodles after the ultra and my pee was clear by evening, is my knee ache normal")]
    [InlineData("got a red ring on my thigh from the heart rate strap, it faded by evening, knee a little puffy after the long run")]
    [InlineData("i'm so out of shape compared to last year, my knees ache on the stairs")]
    [InlineData("my new foam roller is a weird shape compared to my old one, which is better for my knees")]
    [InlineData("the other runners say my knee caves in a bit when i land, what should i strengthen")]
    [InlineData("slipped on the ice and got a bump on my knee, should i ice it or heat it")]
    // advice10: the ordinary wording next to each new rule.
    [InlineData("my son is 12, how many weeks should he train for a 5k, his thigh muscles are sore")]
    [InlineData("the neighbour's dog wakes me at 5am and i feel sick of it, my knee is fine, best time to run?")]
    [InlineData("my knee pain woke me up once after the marathon, no fever, eating fine")]
    [InlineData("my foot was asleep for a minute after sitting on it, gone once i stood up, knee fine")]
    [InlineData("we ran like ants at the parkrun start, knee fine")]
    [InlineData("my legs feel dead for days after the marathon, knee a bit sore")]
    [InlineData("i push up with my hands to get out of a chair because my knee hurts")]
    [InlineData("on the steep climbs i power hike pushing down on my thighs with my hands, knee bent, is that bad for my knees")]
    [InlineData("my foot goes asleep every time i kneel for a while, knee fine otherwise")]
    [InlineData("we were like ants on the course, my feet were killing me and my knee ached")]
    [InlineData("is my knee out of line with my foot when i squat, it aches a bit")]
    [InlineData("my marathon block is extending to 90k weeks and my knee aches")]
    [InlineData("my feet went out from under me on a wet bridge, knee fine, bum sore")]
    [InlineData("my watch keeps going on me mid run, the battery is shot, knee fine")]
    public void Answer_OrdinaryComplaintOrIdiom_IsNotUrgent(string question)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(diagnosis.Reply.Kind != ReplyKinds.Urgent, $"\"{question}\" was treated as urgent ({diagnosis.Why}).");
    }

    // advice8, by class from the spent chat-test5/chat-test6 misses: for each rule change the rule still fires, a
    // negated form does not, and the idiom or object form that tripped it does not.
    [Theory]
    // Knees that buckle or give way with laughter are an idiom; "forward folds" is a stretch (buckles, gives-way).
    [InlineData("my knee buckled twice on the stairs today", true)]
    [InlineData("my knee hasn't buckled, it just aches after long runs", false)]
    [InlineData("laughed so hard at the pub quiz my knees buckled, anyway best squats for runners?", false)]
    [InlineData("we were laughing so much my knees gave way, what stretches after a 10k", false)]
    [InlineData("how many forward folds should i do after a run", false)]
    // "Swole up" is swelling (injury-then-swelling).
    [InlineData("twisted my knee on the trail and it swole up within the hour", true)]
    [InlineData("i didn't twist it and it hasn't swole up, just a dull ache on stairs", false)]
    [InlineData("twisted the cap off my bottle and my arms are swole from the gym", false)]
    // Numbness from the cold that goes once warm is a passing cause, like tight laces (numb-or-tingling).
    [InlineData("my foot has been numb for three days since the trail race", true)]
    [InlineData("no numbness or tingling, just a dull knee ache on stairs", false)]
    [InlineData("toes numb from the cold on my morning run, fine once i warmed up, what socks?", false)]
    // A knee likened to a hot water bottle is a hot joint; one put on the knee is a treatment (like-a-hot-water-bottle).
    [InlineData("my knee feels like a hot water bottle and it has gone pink", true)]
    [InlineData("my knee doesn't feel like a hot water bottle any more, just stiff", false)]
    [InlineData("put a hot water bottle on my knee after the run, is heat or ice better", false)]
    public void Answer_Advice8RuleClass_IsJudgedAsExpected(string question, bool urgent)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(urgent == (diagnosis.Reply.Kind == ReplyKinds.Urgent), $"\"{question}\": expected urgent {urgent}, got {diagnosis.Route} ({diagnosis.Why}).");
    }

    // advice9, by class from the spent chat-test7 misses: for each rule change the rule still fires, a negated form
    // does not, and the object or idiom form does not.
    [Theory]
    // A knee's shape told as changed after a fall or against the other knee (shape-changed, out-of-shape, …).
    [InlineData("came off my bike yesterday and the knee has a step in it now, totally out of shape compared to the other", true)]
    [InlineData("slipped on the track and now the outline of my kneecap looks different to the other one", true)]
    [InlineData("went over on a root and my knee isn't out of shape or anything, just a bit sore", false)]
    [InlineData("went over on the stairs, the shape of my knee is not off at all, it just aches", false)]
    [InlineData("i'm so out of shape after the winter, came back to running and my knee aches", false)]
    [InlineData("the frame of my old bike is a weird shape compared to the new one, does that matter for knee pain", false)]
    // One negation covers a list of denied signs: "it doesn't give way or lock" (Negation, locking-word, gives-way).
    [InlineData("my knee locks when i squat and won't straighten", true)]
    [InlineData("knee is sore but no swelling, it doesn't give way or lock, just aches after 8k. keep running?", false)]
    [InlineData("no swelling, catching or locking, it never gives way, just a dull ache", false)]
    // A pop with no pain, swelling or instability is the harmless kind (heard-a-pop, injury-then-swelling).
    [InlineData("felt a pop in my knee on a turn and it really hurts now", true)]
    [InlineData("twisted my knee, no swelling at first but by the evening it swelled up", true)]
    [InlineData("heard a pop in my knee standing up, no pain, no swelling, nothing else", false)]
    [InlineData("there's a pop sound when i get up from the floor but no pain and no swelling, should i stretch?", false)]
    // A snapped or broken thing is not the knee (popped-out's subject).
    [InlineData("i think my kneecap popped out for a second on the stairs", true)]
    [InlineData("the hinge on my foam roller snapped lol, where should i roll for knee pain", false)]
    [InlineData("the buckle on my knee strap snapped mid run, is it worth replacing", false)]
    // A word followed by "of" is not the subject ("in the middle of a rep" is when, not what): the rule, negated, object.
    [InlineData("my knee locked up in the middle of a rep and i cant straighten it", true)]
    [InlineData("my knee never locked up in the middle of a rep, it just aches", false)]
    [InlineData("my watch locked up in the middle of a race, which one lasts longer", false)]
    [InlineData("the back of my knee locks when i squat deep", true)]
    // Medicines are words, not typos of a lock word: a beta blocker is not locking, a locked knee on one still is.
    [InlineData("i am on a beta blocker, my heart rate never goes above 120 when i jog, should i worry", false)]
    [InlineData("im on beta blockers and my knee locked and wont straighten", true)]
    // A tick then a red circle (chat-test8); a tick with the circle denied; a tick on a form, not a bite.
    [InlineData("found a tick on my leg after the forest run, now there is a red circle around it and my knee hurts", true)]
    [InlineData("pulled a tick off my leg after the trail race, no red circle and no rash, knees fine", false)]
    [InlineData("tick the box on the race form if you want a medal engraved, my knee is fine", false)]
    // A kneecap that sat out to the side after a knock (chat-test8); a kneecap that sat where it should. (A saddle that
    // "sat out to the side after the crash and looked wrong" passes the rule but the semantic net flags it: a known
    // object-form false alarm of the net, docs/advice-engine.md.)
    [InlineData("took a boot to the knee and it looked wrong, the kneecap sat way out to the side", true)]
    [InlineData("took a knock to the knee, the physio said the kneecap sat exactly where it should, nothing wrong", false)]
    public void Answer_Advice9RuleClass_IsJudgedAsExpected(string question, bool urgent)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(urgent == (diagnosis.Reply.Kind == ReplyKinds.Urgent), $"\"{question}\": expected urgent {urgent}, got {diagnosis.Route} ({diagnosis.Why}).");
    }

    // advice10, by class from the spent chat-test8 misses (its voices: a non-native speaker, clinical words, a writer who
    // plays it down, a parent): for each class the sign fires, a negated form does not, and the idiom or object form does not.
    [Theory]
    // A child with a limp or hip, groin or thigh pain for weeks, the child told as a little brother or "(he's 11)".
    [InlineData("my little brother is limping and says his thigh hurts", true)]
    [InlineData("my brother (he's 10) has been limping since the weekend and holds his knee", true)]
    [InlineData("my daughter has had groin pain for three weeks and she is 13", true)]
    [InlineData("my son isn't limping and has no hip pain, he just wants to run a 5k", false)]
    [InlineData("he's 11 minutes faster than me over 5k now, my knee is fine", false)]
    // Night pain with weight loss or fever in clinical words, or played down.
    [InlineData("nocturnal knee pain, unintentional weight loss and a low grade pyrexia for a month", true)]
    [InlineData("my knee keeps waking me at night, i've lost my appetite and a few kilos, probably overthinking it", true)]
    [InlineData("knee aches at night after hill runs, no fever, no weight loss, eating normally", false)]
    [InlineData("i'm worried about muscle mass loss if i stop running for my knee", false)]
    // Numbness in other words: a sleeping foot, ants, a dead feeling that stays, paraesthesia, pins and needles that stay.
    [InlineData("paraesthesia down my shin for a week", true)]
    [InlineData("pins and needles in my toes that don't go away", true)]
    [InlineData("dead feeling in the foot for days, it is not the laces", true)]
    [InlineData("no pins and needles or numbness, just a sore knee", false)]
    [InlineData("my foot is not sleeping, it's just sore after the race", false)]
    // Locking told as a knee that stays blocked or stuck bent and has to be moved by hand.
    [InlineData("my knee gets stuck bent and i have to push it straight with my hands", true)]
    [InlineData("my knee never gets stuck or blocked, i just use my hands to push up from low chairs", false)]
    // A knock with swelling denied and the child fine straight after is not a fall sign; with a sign it still is.
    [InlineData("my daughter tripped and banged her knee, tiny scrape, no swelling and she ran off to play, should i ice it", false)]
    [InlineData("my daughter tripped and banged her knee, no swelling but she is still crying and won't walk on it", true)]
    [InlineData("bumped my knee on the table, no swelling, it's fine, can i run", false)]
    // Swelling of the ankle or foot is not the knee sign (swelled-up, marked-swelling); with the knee named it is.
    [InlineData("rolled my ankle on a kerb and it swelled up overnight, knee is fine, when can i run", false)]
    [InlineData("my knee and ankle swelled up after the trail race", true)]
    // Woken by the knee: not when the message says the person is otherwise well, unless the pain is severe.
    [InlineData("knee pain wakes me up every night", true)]
    [InlineData("my knee pain woke me up after the long run but i'm otherwise well, no fever, eating normally", false)]
    [InlineData("my knee pain wakes me up, otherwise fine, no fevers, but the pain is unbearable at night", true)]
    // Object subjects after a crash are not the knee (looks-wrong reads its subject; bike parts are things).
    [InlineData("the saddle sat out to the side after the crash", false)]
    [InlineData("fell off my bike and the wheel is a weird shape now, my knee is sore", false)]
    public void Answer_Advice10RuleClass_IsJudgedAsExpected(string question, bool urgent)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(urgent == (diagnosis.Reply.Kind == ReplyKinds.Urgent), $"\"{question}\": expected urgent {urgent}, got {diagnosis.Route} ({diagnosis.Why}).");
    }

    // safety10, by class from the chat-dev2 development set (written apart from the engine): for each class the
    // ordinary form does not fire and the nearest sign still does.
    [Theory]
    // Knees locked straight or soft as a posture choice in a stretch or a lift is not locking.
    [InlineData("when i do a hamstring stretch should my knees be locked straight or soft", false)]
    [InlineData("lock your knees or keep a slight bend on the deadlift?", false)]
    [InlineData("my knee locked straight halfway through the run and i had to stop", true)]
    [InlineData("my knee locked and i can't straighten it, should i stretch it", true)]
    // "Out of line" is alignment talk, unless a fall or knock put the kneecap out of line.
    [InlineData("can my feet and hips being out of line make my knees ache on long runs", false)]
    [InlineData("is my knee out of line with my foot when i squat, it aches a bit", false)]
    [InlineData("fell on the track and my kneecap looks out of line", true)]
    // An injury named in a question asked in general is not the person's own; told as theirs it still fires.
    [InlineData("what are the warning signs after a bad fall that mean a knee needs checking", false)]
    [InlineData("if someone takes a hard fall on the knee should they keep running? asking in general", false)]
    [InlineData("what are the signs that i tore something? i had a bad fall and my knee hurts", true)]
    [InlineData("which signs after a fall mean my knee is more than sore", true)]
    // A gym class name is not a blow: "hiit" is left alone by the spell checker; a knee that got hit still fires.
    [InlineData("box jumps in my hiit knee class, sore after. keep going?", false)]
    [InlineData("did a tabata and a crossfit wod, knee a bit sore after, rest or carry on?", false)]
    [InlineData("got hit on the knee by a kettlebell in my hiit class and it swelled", true)]
    // Fallen arches are flat feet, not a fall; fallen on the knee still fires.
    [InlineData("my physio says i have fallen arches, is that why my knees ache after runs", false)]
    [InlineData("i've fallen on my knee twice this week on the trails", true)]
    // Numbness from a cold pack left on, told as settled, is a passing cause; numbness that stays still fires.
    [InlineData("kept the cold pack on too long and the skin went numb then settled after ten minutes, how long should i ice", false)]
    [InlineData("after the cold pack my shin stayed numb for three days and still is", true)]
    // A child's knock with a small bruise, swelling denied and the child fine straight after; a big bruise or a sign still fires.
    [InlineData("my 7 year old banged his knee on the slide, small bruise, no swelling, he's already back playing", false)]
    [InlineData("my daughter bumped her knee on a chair, tiny bruise, no swelling, she was running around straight after", false)]
    [InlineData("my son banged his knee at school, big bruise, no swelling, but he's running around fine", true)]
    [InlineData("my daughter bumped her knee, small bruise, no swelling, but she won't put weight on it", true)]
    // Ticks checked for and denied ("ticks, none"), and "a bit sore" is not a bite; a tick that bit still fires.
    [InlineData("trail run in the forest, checked for ticks, none. knee a bit sore, what can i do", false)]
    [InlineData("a tick bit me on the trail last week and now my knee is swollen", true)]
    // Locking in clinical words: a mechanical block to extension; not a training block, not hip extension, not denied.
    [InlineData("persistent mechanical block to knee extension after a lunge, three days now", true)]
    [InlineData("my marathon block is extending to 90k weeks and my knee aches", false)]
    [InlineData("my physio says i lack hip extension, is the block to extension at the hip why my knee hurts", false)]
    [InlineData("no mechanical block to extension, the knee just aches on stairs", false)]
    // "Fat" as swelling slang after a twist; "fat" alone, getting fat after an injury and the fat pad are ordinary.
    [InlineData("twisted it at netball on friday and my knee has gone fat", true)]
    [InlineData("i've got fat since my acl injury, will losing weight help my knees", false)]
    [InlineData("my physio says the fat pad under my kneecap is irritated since i tweaked it", false)]
    [InlineData("my knee looks fat in these leggings lol, it aches after long runs", false)]
    // The semantic net: a calf told tight after travel, its clot words denied and the tightness over, is not a clot;
    // a calf told swollen or warm after the flight still is (a rule or the net).
    [InlineData("after the long flight my calf was tight, but not swollen or warm and it was fine by the next day", false)]
    [InlineData("after the long flight my calf is tight and warm, fine by the next day though", true)]
    // Giving way in plain words: the knee went out from under me; not feet on ice, not legs gone at the wall.
    [InlineData("my knee went out from under me twice on the stairs today", true)]
    [InlineData("my feet went out from under me on a wet bridge, knee fine, bum sore", false)]
    [InlineData("at mile 22 my legs just went from under me, hit the wall hard", false)]
    [InlineData("the knee went on me twice coming down the stairs", true)]
    [InlineData("my watch keeps going on me mid run, the battery is shot, knee fine", false)]
    [InlineData("at mile 20 my legs went on me, classic wall, knees ok", false)]
    // An intensifier before a denied swelling ("really sore, no swelling") is not marked swelling; a very swollen knee is.
    [InlineData("my knee is really sore, no swelling, what should i do", false)]
    [InlineData("my knee is very stiff, no swelling, after the long run", false)]
    [InlineData("my knee is very very swollen after the run", true)]
    public void Answer_Safety10RuleClass_IsJudgedAsExpected(string question, bool urgent)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(urgent == (diagnosis.Reply.Kind == ReplyKinds.Urgent), $"\"{question}\": expected urgent {urgent}, got {diagnosis.Route} ({diagnosis.Why}).");
    }

    [Theory]
    // advice10, by class from chat-test9 (spent after its one-time score): what is left of walking, something under
    // the skin that grows, a pregnancy's bump, and a calf named after a flight with its own words denied.
    [InlineData("twisted my knee in a pothole and now i can only hop", true)]
    [InlineData("my knee gave out and i couldnt do more than like 3 steps to the car", true)]
    [InlineData("in the drill you can only hop on the left leg, knees fine, how many sets", false)]
    [InlineData("theres a marble under the skin behind my knee and every week its a bit bigger", true)]
    [InlineData("theres a marble under the skin behind my knee, same size for years, no pain", false)]
    [InlineData("the bump is growing and i lean back more when i run, ride it out till baby comes?", false)]
    [InlineData("my baby has a lump on his knee that keeps growing", true)]
    [InlineData("flew to new york last week, calves totally fine, not swollen or sore", false)]
    [InlineData("after the long flight my calf is swollen and sore", true)]
    [InlineData("since the flight my calf hurts and won't settle", true)]
    public void Answer_ChatTest9RuleClass_IsJudgedAsExpected(string question, bool urgent) => Answer_Safety10RuleClass_IsJudgedAsExpected(question, urgent);

    [Fact]
    public void Answer_Urgent_SaysWhatItSawAndWhenToActAndOffersNoExercises()
    {
        var reply = fixture.Engine.Answer("my knee locked up and i can't straighten it");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.Urgent, reply.Kind);
        Assert.Empty(reply.EntryIds);
        Assert.Contains("the knee locking", text, StringComparison.Ordinal);
        Assert.Contains("see a doctor today", text, StringComparison.Ordinal);
        Assert.Contains("emergency", text, StringComparison.Ordinal);
        Assert.EndsWith(MedicalNotice.Text, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Also try", text, StringComparison.Ordinal);
        Assert.DoesNotContain("exercises:", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(text.Length <= 1200, $"{text.Length} characters");
    }

    [Fact]
    public void Answer_EmergencySign_SaysGoNow()
    {
        var reply = fixture.Engine.Answer("my calf is swollen and tender after the flight");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal("Please get medical help now", reply.Title);
        Assert.Contains("emergency department now", text, StringComparison.Ordinal);
        Assert.Contains("blood clot", text, StringComparison.Ordinal);
    }
}
