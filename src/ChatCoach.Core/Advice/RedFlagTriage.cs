using System.Collections.Frozen;
using ChatCoach.Core.Advice.Analysis;

namespace ChatCoach.Core.Advice;

/// <summary>How soon a red flag needs a clinician.</summary>
public enum Urgency
{
    /// <summary>See a doctor today.</summary>
    Today,

    /// <summary>Go to an emergency department now.</summary>
    Emergency,
}

/// <summary>A sign that the knee or leg needs a clinician soon rather than exercises.</summary>
/// <param name="Code">Short stable name, for logs, tests and <c>why</c>.</param>
/// <param name="Description">What the person described, to be quoted back: "the knee locking or not straightening".</param>
/// <param name="Urgency">Today, or an emergency.</param>
public sealed record RedFlag(string Code, string Description, Urgency Urgency = Urgency.Today);

/// <summary>The red flag a rule found, and which rule.</summary>
public sealed record RedFlagMatch(RedFlag Flag, string Rule);

/// <summary>
/// The deterministic safety screen. It reads the whole message, sentence by sentence (sentences are separated by a
/// "." word in the input), on the lower-cased, spell-checked surface words. Every rule is a short sequence of word
/// sets with small gaps, inside one sentence, with three guards: a negation (<see cref="Negation"/>) just before the
/// match cancels it; where a rule needs a subject, the nearest thing named before the trigger word must be a body
/// part ("my knee locked") and not a device ("my watch locked up"), looking back into earlier sentences for "it";
/// and idioms ("collapsed on the sofa", "mind-numbing") and benign explanations ("numb toes until i loosen the
/// laces") cancel the rule they would trip. When in doubt it fires: a needless "get it checked" costs less than a
/// missed clot. Every rule has a test (RedFlagTriageTests) and is listed in docs/advice-engine.md.
/// </summary>
internal static class RedFlagTriage
{
    /// <summary>The sentence separator the engine puts between sentences.</summary>
    public const string SentenceBreak = ".";

    private const int SubjectWindow = 8;

    public static readonly RedFlag Locking = new("locking", "the knee locking or catching, or not straightening or bending");
    public static readonly RedFlag GivingWay = new("giving-way", "the knee giving way or buckling");
    public static readonly RedFlag PopSwelling = new("pop-swelling", "a pop or a twist followed by swelling");
    public static readonly RedFlag Swelling = new("swelling", "marked or sudden swelling of the knee");
    public static readonly RedFlag Injury = new("injury", "a fall, knock, twist or pop");
    public static readonly RedFlag NoWeight = new("no-weight", "not being able to put weight on the leg or walk", Urgency.Emergency);
    public static readonly RedFlag HotRed = new("hot-red", "a hot, red or swollen joint, or a fever", Urgency.Emergency);
    public static readonly RedFlag Numbness = new("numbness", "numbness or tingling in the leg or foot");
    public static readonly RedFlag CalfClot = new("calf-clot", "a swollen, painful or warm calf, which can be a blood clot", Urgency.Emergency);
    public static readonly RedFlag Deformity = new("deformity", "the knee looking deformed or out of place", Urgency.Emergency);
    public static readonly RedFlag DirectBlow = new("direct-blow", "a direct blow to the knee with marked swelling or bruising");
    public static readonly RedFlag NightPain = new("night-pain", "pain at night or at rest, with weight loss, fever or feeling unwell");
    public static readonly RedFlag SeverePain = new("severe-pain", "severe pain, or pain that keeps you awake at night");
    public static readonly RedFlag GrowingLump = new("growing-lump", "a lump that is growing");
    public static readonly RedFlag ChildLimp = new("child-limp", "a child or teenager with knee pain and a limp, or hip, groin or thigh pain");
    public static readonly RedFlag DarkUrine = new("dark-urine", "dark urine after hard exercise, which can mean muscle breakdown", Urgency.Emergency);
    public static readonly RedFlag TickRash = new("tick-rash", "a spreading rash or tick bite followed by a swollen joint");
    public static readonly RedFlag PostSurgery = new("post-surgery", "redness, heat, swelling or fever after knee surgery", Urgency.Emergency);

    /// <summary>Every flag the screen can raise.</summary>
    public static readonly IReadOnlyList<RedFlag> AllFlags =
    [
        Locking, GivingWay, PopSwelling, Swelling, Injury, NoWeight, HotRed, Numbness, CalfClot, Deformity, DirectBlow,
        NightPain, SeverePain, GrowingLump, ChildLimp, DarkUrine, TickRash, PostSurgery,
    ];

    private static readonly FrozenSet<string> KneeOrLeg = Set(
        "knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "joint", "meniscus", "acl", "mcl", "itb", "shin");

    // Things named as the subject of a trigger word. Body: the rule applies; anything else: it doesn't.
    private static readonly FrozenSet<string> Body = Set(
        "knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "joint", "joints", "meniscus", "acl", "mcl",
        "itb", "shin", "shins", "calf", "calves", "ankle", "ankles", "foot", "feet", "toe", "toes", "thigh", "thighs",
        "hip", "hips", "hamstring", "quad", "quads", "heel", "heels", "sole", "soles", "limb");

    // For rules about the knee itself (locking, giving way): another body part, or the person, is not the knee.
    private static readonly FrozenSet<string> KneeSubject = Set(
        "knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "joint", "meniscus", "acl", "mcl", "itb");

    private static readonly FrozenSet<string> NotKnee = Set(
        "ankle", "ankles", "foot", "feet", "toe", "toes", "hip", "hips", "back", "body", "core",
        "middle", "trunk", "torso", "shoulders", "arch", "arches", "calf", "calves", "thigh", "thighs", "hamstring",
        "hamstrings", "quad", "quads", "glute", "glutes", "pelvis", "waist", "stomach", "jaw", "fists", "them", "they",
        "everything", "midsection", "abs", "belly", "tummy", "chest", "posture", "form", "technique", "arms", "head");

    private static readonly FrozenSet<string> NotBody = Set(
        "watch", "garmin", "fitbit", "coros", "phone", "iphone", "android", "laptop", "computer", "pc", "mac", "macbook",
        "screen", "app", "apps", "tablet", "ipad", "door", "doors", "car", "bike", "zip", "zipper", "headphones",
        "earbuds", "airpods", "keyboard", "account", "strava", "treadmill", "gps", "console", "browser", "device",
        "gate", "locker", "brain", "mind", "head", "face", "fingers", "finger", "hands", "hand", "lips", "ears", "nose",
        "heart", "motivation", "plan", "schedule", "budget", "price", "prices", "traffic", "wifi", "battery", "shoe",
        "shoes", "sofa", "couch", "bed", "bum", "butt", "arm", "arms", "wrist", "shoulder", "neck", "back", "boredom",
        "shelf", "shelves", "sleeve", "sleeves", "seam", "seams", "strap", "straps", "chair", "bench", "ladder", "bridge",
        "roof", "ceiling", "rope", "branch", "bookshelf", "bookcase", "shelving", "brace", "braces", "drawer", "lid", "bag", "tent", "fence", "wall", "table",
        "stool", "handle", "bank", "powerbank", "charger", "cable", "tyre", "tyres", "tire", "tires", "bottle", "can",
        "eye", "eyes", "eyelid", "eyelids", "lip", "cheek", "cheeks", "gums", "tongue", "mat", "printer", "printers", "stapler", "jar", "bottle", "lid",
        // Kit and things that snap or bend (advice9): "the hinge on my foam roller snapped" is not a knee.
        "hinge", "hinges", "roller", "rollers", "frame", "clip", "clips", "pole", "poles", "cord", "cords", "pedal", "pedals",
        "chain", "racket", "wheel", "wheels", "rim", "buckle", "umbrella", "glasses", "sunglasses", "key", "keys",
        // advice10: bike parts after a crash ("the saddle sat out to the side") are not the knee.
        "saddle", "seat", "seatpost", "handlebar", "handlebars", "bars", "helmet", "spoke", "spokes", "mudguard", "derailleur", "fork", "crank");

    // A knee's shape told as changed needs a reason to think so: a fall or knock, or the other knee to compare with.
    private static readonly string[] ShapeContext =
        ["twist", "twisted", "fall", "fell", "fallen", "falling", "crash", "crashed", "collision", "collided", "tackle", "tackled",
         "tripped", "slipped", "landed", "went", "came", "accident", "hit", "banged", "bashed", "smashed", "slammed", "whacked",
         "knocked", "kicked", "struck", "compared", "other", "opposite"];

    private static readonly string[] OffWords = ["off", "wrong", "different", "weird", "odd", "changed", "strange", "funny", "uneven", "lopsided"];

    private static readonly FrozenSet<string> Fine = Set("fine", "ok", "okay", "unhurt", "unharmed", "perfect", "undamaged");

    private static readonly string[] Inability =
        ["can't", "cant", "cannot", "unable", "couldn't", "couldnt", "won't", "wont", "barely", "hardly", "impossible", "refuses", "refused", "refusing"];

    private static readonly string[] Intense =
        ["huge", "massive", "massively", "very", "really", "super", "big", "large", "lot", "badly", "severely", "hugely",
         "extremely", "so", "loads", "tons", "crazy", "immediately", "instantly", "quickly", "suddenly", "sudden", "fast"];

    // Knees that buckle with laughter are an idiom, not a knee giving way ("laughed so hard my knees buckled").
    private static readonly string[][] Laughter = [["laughed"], ["laughing"], ["laugh"], ["laughter"], ["giggling"], ["giggled"], ["hysterics"]];

    // A passing cause of numbness, named with its recovery, is not the sign: laces that were too tight, the cold.
    private static readonly string[] PassingNumbCause =
        ["laces", "lace", "loosen", "loosened", "loosening", "retie", "untie", "cold", "freezing", "frozen", "chilly", "frost", "frosty", "icy", "legged",
         // safety10: an ice or cold pack left on too long.
         "pack", "icepack", "compress", "peas"];

    // The passing cause's numbness told as over: "goes away once i loosen them", "numb then settled" (safety10: settled, passed, wore off).
    private static readonly string[] PassingRecovery =
        ["away", "goes", "gone", "fine", "stops", "back", "until", "once", "when", "settled", "settles", "settle", "passed", "passes", "faded", "fades", "wore", "wears"];

    // The lower leg and foot, where numbness told as "asleep" or "dead" is the sign (not "dead legs" after a race).
    private static readonly string[] FootWords = ["foot", "feet", "toes", "toe", "shin", "shins", "heel", "heels", "sole", "soles", "ankle", "ankles"];

    // Numbness that stays: "for days", "since", "all the time", "never goes".
    private static readonly string[] Stays =
        ["never", "days", "weeks", "week", "since", "still", "constant", "constantly", "continuous", "continuously", "persistent",
         "won't", "wont", "doesn't", "doesnt", "hasn't", "hasnt", "stays", "permanently"];

    private static readonly string[] KneeWords = ["knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "shin"];

    private static readonly string[] SwellingWords =
        ["swollen", "swelling", "swelled", "swell", "swells", "swole", "puffy", "puffed", "ballooned", "balloon"];

    private static readonly string[] BruiseWords = ["bruise", "bruised", "bruising", "bruises", "purple", "black"];

    private static readonly string[] InjuryWords =
        ["twist", "twisted", "twisting", "pivot", "pivoted", "pivoting", "turned", "rolled", "tore", "torn", "tear", "sprain",
         "sprained", "injury", "injured", "fall", "fell", "falling", "pop", "popped", "snap", "snapped", "crash", "crashed",
         "accident", "collision", "collided", "tackle", "tackled", "tripped", "slipped", "landed", "wrenched", "tweaked"];

    private static readonly string[] BlowWords =
        ["hit", "banged", "bashed", "smashed", "slammed", "whacked", "knocked", "kicked", "struck", "smacked", "bumped", "cracked", "clipped"];

    private static readonly string[] PainWords =
        ["pain", "pains", "painful", "hurts", "hurt", "hurting", "ache", "aches", "aching", "achy", "throbbing", "sore"];

    // Pain at night, or told as being woken by the knee.
    private static readonly string[] NightPainWords = [.. PainWords, "waking", "wakes", "woke", "wake", "throbs", "throb"];

    private static readonly string[] NightWords =
        ["night", "nights", "nightly", "rest", "resting", "sleep", "sleeping", "bed", "lying", "asleep", "awake",
         "overnight", "midnight", "nighttime", "1am", "2am", "3am", "4am", "5am", "nocturnal"];

    private static readonly string[] Unwell =
        ["fever", "fevers", "feverish", "temperature", "sweats", "sweating", "unwell", "sick", "ill", "chills", "shivery", "rundown", "exhausted", "appetite", "flu", "fluey", "flu-ish", "feverishly",
         // advice10: clinical words ("pyrexia", "febrile", "rigors", "malaise") and a fever told as a reading ("37.9").
         "pyrexia", "pyrexial", "pyrexic", "febrile", "rigors", "malaise", FeverReading];

    // A message that says the person is otherwise well ("otherwise fine", "eating normally"): the systemic signs are denied.
    private static readonly string[][] OtherwiseWell =
        [["otherwise", "fine"], ["otherwise", "well"], ["otherwise", "ok"], ["otherwise", "okay"], ["otherwise", "healthy"], ["otherwise", "good"],
         ["eating", "normally"], ["eating", "normal"], ["eating", "fine"], ["eating", "well"], ["appetite", "is", "fine"], ["appetite", "is", "normal"]];

    // After a knock, the person told as fine straight after ("ran home laughing", "carried on playing").
    private static readonly string[][] FineAfter =
        [["ran", "off"], ["ran", "home"], ["ran", "away"], ["ran", "back"], ["ran", "on"], ["carried", "on"], ["kept", "playing"], ["kept", "running"],
         ["kept", "going"], ["walked", "it", "off"], ["laughing"], ["laughed"], ["giggling"], ["fine"], ["ok"], ["okay"], ["unhurt"],
         // safety10: "running around", "playing football again already", "already back playing".
         ["running", "around"], ["running", "about"], ["running", "round"], ["ran", "around"], ["ran", "about"], ["again", "already"],
         ["already", "playing"], ["already", "running"], ["already", "back"]];

    private static readonly FrozenSet<string> SmallWords = Set("small", "tiny", "little", "slight", "minor", "faint", "light", "wee", "teeny", "mild");

    /// <summary>
    /// safety10: every bruise the message tells of is a small one ("small bruise", "tiny little bruise"), so a knock
    /// with a bruise can be the harmless kind when the rest says so (<see cref="Rule.UnlessFineAfter"/>).
    /// </summary>
    private static bool OnlySmallBruises(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (BruiseWords.Contains(words[i]) && !Negation.IsNegated(words, i)
                && !(i > 0 && SmallWords.Contains(words[i - 1]) || i > 1 && SmallWords.Contains(words[i - 2])))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] Young =
        ["son", "daughter", "kid", "kids", "child", "children", "boy", "girl", "teen", "teenager", "teenage", "nephew",
         "niece", "stepson", "stepdaughter", "grandson", "granddaughter", "yo", "youngster", "pupil", "youngest", "toddler",
         "schoolboy", "schoolgirl", "lad", "kiddo", ChildAge, YoungSibling];

    /// <summary>Stands in the present words for "bit" as in bitten ("a tick bit me"), not "a bit sore" (safety10).</summary>
    private const string BitBy = "<bit-by>";

    /// <summary>Stands in the present words for a little or younger brother or sister ("my little brother").</summary>
    private const string YoungSibling = "<young-sibling>";

    // How long a child's hip, groin or thigh has hurt: weeks or more is the sign (advice10).
    private static readonly string[] Weeks = ["weeks", "week", "fortnight", "fortnights", "month", "months", "ages"];

    /// <summary>Stands in the present words when the message gives a child's age ("is 12", "my 14 year old", "13yo").</summary>
    private const string ChildAge = "<child-age>";

    private static readonly string[] LimpWords =
        ["limp", "limping", "limps", "limped", "hobbling", "hobbles", "dragging", "drags", "dragged", "favouring", "favoring"];

    private static readonly string[] Surgery =
        ["surgery", "operation", "op", "operated", "arthroscopy", "scope", "scoped", "reconstruction", "replacement",
         "postop", "incision", "stitches", "staples", "scar", "wound", "keyhole"];

    private static readonly string[] SwollenOrRed =
        ["swollen", "swelling", "swelled", "swole", "puffy", "puffed", "red", "redness", "inflamed", "angry", "throbbing", "ballooned"];

    private static readonly FrozenSet<string> NotTemperatureUnits = Set(
        "k", "km", "kms", "kilometres", "kilometers", "mi", "mile", "miles", "m", "metres", "meters", "min", "mins",
        "minutes", "minute", "s", "sec", "secs", "seconds", "h", "hr", "hrs", "hours", "kg", "kgs", "kilos", "lb", "lbs",
        "pounds", "bpm", "spm", "percent", "%", "years", "year", "yo", "weeks", "days");

    /// <summary>Stands in the present words for a body temperature reading of fever: 37.8 to 42.5 °C or 100 to 106 °F.</summary>
    private const string FeverReading = "<fever-reading>";

    private static readonly string[] Immobility =
        ["flight", "flights", "flew", "plane", "travel", "travelled", "traveled", "drive", "drove", "bed", "bedrest",
         "lying", "immobile", "cast", "boot", "brace", "hospital", "surgery", "operation", "op", "pill", "contraceptive",
         "pregnant", "pregnancy", "couch", "sofa", "sitting", "sat", "days", "trip", "haul", "journey", "bus", "train"];

    private static readonly Rule[] Rules =
    [
        // Locking or catching, or a knee that will not straighten or bend. Subject: "my watch locked up" is not a knee.
        // safety10: knees "locked straight" or "locked out" as a posture choice in a stretch or a lift ("should my knees be
        // locked straight or a bit soft", "lock your knees") is not the sign.
        new("locking-word", Locking, [["locked", "locking", "locks", "lock"]], Subject: Subject.Knee, NotFollowedBy: ["out", "down", "in", "into", "screen", "me", "the", "my", "your"], Unless: [["nerves"], ["nervous"], ["fear"], ["scared"], ["anxiety"], ["excitement"]], UnlessPosture: true),
        new("catching-word", Locking, [["stuck", "jammed", "catches", "catching", "jams", "jamming", "sticking", "sticks"]], Subject: Subject.Knee, NotFollowedBy: ["at", "on", "in", "with", "to", "inside", "indoors", "behind", "out", "around", "up", "it"]),
        new("cannot-straighten", Locking, [Inability, ["straighten", "straightening", "straight", "extend", "extending", "bend", "bending", "flex", "unlock"]], MaxGap: 4, Subject: Subject.Knee),
        new("freezes", Locking, [["freezes", "froze", "seizes", "seized"]], Subject: Subject.Knee, Unless: [["nerves"], ["nervous"], ["fear"], ["scared"], ["anxiety"], ["excitement"], ["camera"]]),
        new("jiggle-to-free", Locking, [["jiggle", "jiggling", "wiggle", "wiggling", "wriggle", "wriggling", "shake", "shaking"], ["straighten", "straightening", "unlock", "free", "unstick", "release", "unjam", "loose"]], MaxGap: 6, NeedsKneeInMessage: true),
        // "something is wedged inside the joint": a loose body or a torn flap, told as a thing caught in the knee.
        new("wedged-in-joint", Locking, [["wedged", "lodged", "trapped", "caught"], ["in", "inside", "between", "under"], ["joint", "knee", "kneecap"]], MaxGap: 2),
        // "the last bit of straightening just won't happen": the straightening itself is what fails.
        new("straightening-wont-happen", Locking, [["straighten", "straightening", "straight", "extension"], ["won't", "wont", "doesn't", "doesnt", "never", "can't", "cant"], ["happen", "happens", "come", "comes", "go", "goes"]], MaxGap: 3, StopsAtClause: false, Negatable: false, Subject: Subject.Knee),
        // advice10 (non-native and plain words): the knee stays blocked or stuck bent and has to be moved by hand ("it
        // stay blocked, i must move it with the hand", "stuck bent, have to push it straight with my hands").
        new("moved-by-hand", Locking, [["move", "moving", "push", "pushing", "pull", "pulling", "force", "forcing", "lift", "open", "straighten", "straightening", "unbend", "unlock", "free"], ["hand", "hands"]], MaxGap: 5, StopsAtClause: false, NeedsKneeInMessage: true,
            Requires: ["blocked", "stuck", "locked", "jammed", "bent", "block"],
            Unless: [["chair"], ["sofa"], ["couch"], ["toilet"], ["floor"], ["get", "up"], ["stand", "up"], ["standing", "up"], ["hike"], ["hiking"], ["climb"], ["climbing"], ["climbs"], ["uphill"], ["hills"], ["poles"], ["thigh"], ["thighs"], ["quads"], ["massage"], ["stretch"], ["stretching"], ["kneecap"]]),
        // safety10 (clinical words): "a mechanical block to full extension", "blocked extension of the knee". Nouns only:
        // a training block "extending" the long run is not it; the subject must be the knee ("hip extension" is not).
        new("block-to-extension", Locking, [["block", "blocked", "blocking", "mechanical"], ["extension", "flexion", "straightening", "bending"]], MaxGap: 3, NeedsKneeInMessage: true, Subject: Subject.Knee),
        new("wont-straighten", Locking, [["won't", "wont", "doesn't", "doesnt"], ["straighten", "unlock", "bend"]], MaxGap: 1, Negatable: false, Subject: Subject.Knee),

        // Giving way or buckling.
        new("gives-way", GivingWay, [["gives", "gave", "giving", "give", "given"], ["way", "out"]], MaxGap: 1, Subject: Subject.Knee, NotFollowedBy: ["to"], Unless: [["like", "jelly"], ["lace"], ["laces"], ["shoelace"], .. Laughter]),
        new("buckles", GivingWay, [["buckle", "buckled", "buckles", "buckling", "collapsed", "collapses", "collapse", "collapsing", "folded", "folds"]], Subject: Subject.Knee, NotFollowedBy: ["onto", "into"], Unless: [["sofa"], ["couch"], ["bed"], ["floor", "after"], .. Laughter, ["forward", "fold"], ["forward", "folds"], ["the", "buckle"], ["a", "buckle"]]),
        // safety10 (plain words): "the knee went out from under me". Not the feet on ice, not legs gone at the wall.
        new("went-from-under-me", GivingWay, [["went", "goes", "go", "going", "gone", "came", "comes"], ["from"], ["under", "underneath"], ["me"]], MaxGap: 1, Subject: Subject.Knee, Unless: [["legs"], ["wall"], ["bonk"], ["bonked"], ["exhausted"], ["tired"], ["ice"], ["icy"], .. Laughter]),
        // "my knee keeps going on me", "it went on me twice" (British plain words for giving way).
        new("went-on-me", GivingWay, [["went", "going", "goes", "gone"], ["on"], ["me"]], Subject: Subject.Knee, Unless: [["legs"], ["wall"], ["bonk"], ["bonked"], ["what's"], ["whats"], .. Laughter]),
        new("unstable-after-injury", GivingWay, [["unstable", "instability", "wobbly", "unsteady", "loose"]], Subject: Subject.Knee, Requires: ["twist", "twisted", "twisting", "pop", "popped", "fell", "injury", "injured", "snap", "tackled", "gave", "buckled", "swollen", "swelling"]),

        // A pop or twist, then swelling.
        new("injury-then-swelling", PopSwelling, [InjuryWords, SwellingWords], MaxGap: 12, StopsAtClause: false, Subject: Subject.Swollen, StepsNegatable: true),
        new("swelling-after-injury", PopSwelling, [SwellingWords, ["after", "since", "from", "when"], InjuryWords], MaxGap: 4, StopsAtClause: false, Subject: Subject.Swollen),

        // Large or sudden swelling.
        // safety10: the swelling word itself denied ("really sore, no swelling") is not marked swelling.
        new("marked-swelling", Swelling, [Intense, SwellingWords], MaxGap: 2, Subject: Subject.SwollenBody, Unless: [["little"], ["slightly"], ["bit"], ["mild"], ["minor"]], StepsNegatable: true),
        new("swelled-up", Swelling, [SwellingWords, ["up"]], Subject: Subject.SwollenBody, NotFollowedBy: ["a", "little", "bit", "slightly"]),
        new("blew-up", Swelling, [["blew", "blown", "ballooned"], ["up"]], Subject: Subject.Knee),

        // Falls, knocks, twisting injuries and pops.
        new("fell-on-knee", Injury, [["fell", "fallen", "tripped", "crashed", "collided", "smashed", "slammed", "banged", "whacked", "knocked", "bashed"]], NeedsKneeInMessage: true, NotFollowedBy: ["asleep", "behind", "apart", "short", "for", "through", "off", "out", "in", "back", "into", "race", "races", "racing", "running", "runner", "runners", "runs", "run",
            // safety10: "fallen arches" are flat feet, not a fall.
            "arch", "arches", "insteps"], UnlessFineAfter: true),
        new("had-a-fall", Injury, [["a", "bad", "nasty", "hard", "after", "since", "from", "took", "had"], ["fall", "falling", "tumble", "crash", "collision", "tackle"]], NeedsKneeInMessage: true, UnlessFineAfter: true),
        new("hit-the-knee", Injury, [["hit", "kicked", "struck", "smacked", "bumped", "landed", "fell"], KneeWords], MaxGap: 2, UnlessFineAfter: true),
        // A pop told with no pain ("no pain, no swelling") is the harmless kind (advice9): pain named only as absent.
        new("heard-a-pop", Injury, [["heard", "felt", "loud", "big"], ["pop", "snap", "tearing", "rip", "ripping", "clunk", "crack"]], MaxGap: 3, UnlessDenied: PainWords, Unless: [["painless"], ["pain", "free"], ["pain-free"]]),
        // Subject: a hinge or a strap that snapped is not the knee (advice9).
        new("popped-out", Injury, [["popped", "snapped", "dislocated", "dislocate", "dislocation"]], NeedsKneeInMessage: true, Subject: Subject.Body),
        new("tore-ligament", Injury, [["twisted", "wrenched", "sprained", "tore", "torn", "ruptured"], ["knee", "knees", "kneecap", "acl", "mcl", "meniscus", "ligament", "ligaments"]], MaxGap: 1),

        // Cannot bear weight or walk.
        new("cannot-bear-weight", NoWeight, [Inability, ["put", "bear", "take", "carry"], ["weight"]], MaxGap: 4),
        new("cannot-walk", NoWeight, [Inability, ["walk", "walking", "limp", "weightbear"]], MaxGap: 2, NotFollowedBy: ["past", "away", "the", "my", "to", "fast", "faster", "much"], Unless: [["stairs"], ["downstairs"], ["properly", "for", "a", "day"], ["nerves"], ["fear"]]),
        new("cannot-stand-on-it", NoWeight, [Inability, ["stand"], ["on"]], MaxGap: 2),
        // "my leg won't take me", "the knee can't hold my weight".
        new("leg-wont-hold", NoWeight, [["leg", "legs", "knee", "knees"], ["won't", "wont", "can't", "cant", "cannot", "doesn't", "doesnt", "refuses"], ["take", "hold", "carry", "support", "bear"], ["me", "my", "weight"]], MaxGap: 2, StopsAtClause: false),
        // Walking only by holding on to walls or furniture, crawling, or a few steps at most.
        new("walk-holding-on", NoWeight, [["walk", "walking", "move", "moving", "get", "getting", "hobble", "hobbling", "go"], ["holding", "hold", "clinging", "grabbing", "gripping", "leaning"], ["wall", "walls", "furniture", "railing", "railings", "banister", "bannister", "rail"]], MaxGap: 5, NeedsKneeInMessage: true, Unless: [["raise"], ["raises"], ["balance"], ["squat"], ["squats"]]),
        new("had-to-crawl", NoWeight, [["had", "have", "having", "has"], ["to"], ["crawl", "hop", "hobble", "shuffle"]], MaxGap: 1, NeedsKneeInMessage: true, Unless: [["pub"], ["drill"], ["drills"]]),
        new("only-a-few-steps", NoWeight, [["only", "barely", "hardly"], ["manage", "walk", "take", "make", "do", "go"], ["one", "two", "three", "four", "five", "few", "couple", "handful", "1", "2", "3", "4", "5", "10", "ten"], ["steps", "step", "metres", "meters", "yards", "paces"]], MaxGap: 2, StopsAtClause: false, NeedsKneeInMessage: true, NotFollowedBy: ["per", "into", "forward", "up"]),
        // Told by what is left (chat-test9): "now i can only hop", "couldnt do more than like 3 steps".
        new("can-only-hop", NoWeight, [["can", "could"], ["only", "just"], ["hop", "hobble", "crawl", "shuffle"]], MaxGap: 1, NeedsKneeInMessage: true),
        new("no-more-than-a-few-steps", NoWeight, [Inability, ["more"], ["than"], ["one", "two", "three", "four", "five", "few", "couple", "handful", "1", "2", "3", "4", "5", "ten", "10"], ["steps", "step", "metres", "meters", "yards", "paces"]], MaxGap: 2, StopsAtClause: false, NeedsKneeInMessage: true),
        new("standing-impossible", NoWeight, [["stand", "standing", "walk", "walking", "weight"], ["impossible", "agony", "agonising", "agonizing", "unbearable", "excruciating"]], MaxGap: 4),
        // "can't put my foot down", "hopping to the loo": the leg takes no weight, told as what the person does instead.
        new("cannot-put-foot-down", NoWeight, [Inability, ["put", "place", "get"], ["foot", "leg", "heel"], ["down", "on", "to"]], MaxGap: 2, NeedsKneeInMessage: true, NotFollowedBy: ["accelerator", "pedal", "gas"]),
        new("hopping-about", NoWeight, [["hopping", "hopped", "hop", "hops"], ["to", "around", "about", "everywhere", "round", "upstairs", "downstairs"]], MaxGap: 1, NeedsKneeInMessage: true, NotFollowedBy: ["it"],
            Unless: [["drill"], ["drills"], ["plyo"], ["plyometric"], ["plyometrics"], ["exercise"], ["exercises"], ["warmup"], ["warm-up"], ["skipping"], ["jumps"], ["bounding"]]),
        new("agony-to-stand", NoWeight, [["agony", "agonising", "agonizing", "unbearable", "excruciating", "screaming"], ["stand", "walk", "step"]], MaxGap: 5, NeedsKneeInMessage: true, NotFollowedBy: ["up"]),
        new("crawling-around", NoWeight, [["crawling", "crawled"], ["around", "about", "round"]], NeedsKneeInMessage: true),

        // A swollen, painful or warm calf: possible clot, more so after stillness, travel or surgery. Before the
        // hot-joint rules: a hot, puffy calf is a clot first.
        // The calf's own words must not be denied: "flew last week, calves fine, not swollen or sore" (chat-test9).
        new("calf-swollen", CalfClot, [["calf", "calves"], ["swollen", "swelling", "swelled", "tender", "hot", "red", "warm", "puffy", "throbbing", "bigger", "fatter", "fat", "hard"]], MaxGap: 5, StepsNegatable: true, Requires: ["swollen", "swelling", "swelled", "tender", "hot", "red", "warm", "puffy", "throbbing", "bigger", "fatter", "fat", "hard", "flight", "flew", "surgery", "operation", "plane", "days", "won't", "wont", "bed"]),
        // "the back of my lower leg" is the calf: swollen, warm or puffy after travel or stillness.
        new("lower-leg-swollen", CalfClot, [["lower"], ["leg", "legs"], ["swollen", "swelling", "puffy", "fat", "fatter", "hot", "warm", "tender", "hard", "throbbing"]], MaxGap: 6, Requires: ["swollen", "swelling", "puffy", "fat", "fatter", "hot", "warm"], RequiresAlso: Immobility),
        new("swollen-calf", CalfClot, [SwellingWords, ["calf", "calves"]], MaxGap: 3),
        new("clot-word", CalfClot, [["clot", "clots", "dvt", "thrombosis", "embolism", "clotting"]], Negatable: false),
        // The pain must be the calf's ("my calf is tight after the flight, knee a bit achy" is not).
        new("calf-pain-after-stillness", CalfClot, [["calf", "calves"], [.. PainWords, "cramp", "cramping", "cramps"]], MaxGap: 5, StepsNegatable: true, RequiresAlso: Immobility),
        new("pain-in-calf-after-stillness", CalfClot, [[.. PainWords, "cramp", "cramping", "cramps"], ["calf", "calves"]], MaxGap: 2, RequiresAlso: Immobility),
        new("cramp-that-stays", CalfClot, [["cramp", "cramping", "cramps"]], Requires: ["calf", "calves", "leg"], RequiresAlso: ["won't", "wont", "doesn't", "doesnt", "days", "still", "constant", "hasn't", "hasnt", "persistent", "stays", "keeps"]),

        // A hot, red joint or fever: possible infection.
        new("hot-and-red", HotRed, [["hot", "warm", "burning"], ["red", "redness", "swollen", "swelling", "shiny", "inflamed", "puffy", "pink"]], MaxGap: 2, StopsAtClause: false, NeedsKneeInMessage: true, Unless: [["hot", "weather"], ["hot", "day"], ["warm", "up"], ["red", "shoes"]]),
        new("red-and-hot", HotRed, [["red", "redness", "swollen", "swelling", "puffy", "inflamed"], ["hot", "warm", "burning"]], MaxGap: 2, StopsAtClause: false, NotFollowedBy: ["up", "weather", "day", "days", "bath", "shower"]),
        new("hot-to-touch", HotRed, [["hot", "warm"], ["to"], ["touch"]], MaxGap: 1),
        new("hot-like-a-radiator", HotRed, [["radiator", "furnace", "oven", "boiling"]], Subject: Subject.Body, NeedsKneeInMessage: true),
        // Likened to a hot water bottle ("feels like a hot water bottle"); putting one on the knee is a treatment.
        new("like-a-hot-water-bottle", HotRed, [["like"], ["hot"], ["water"], ["bottle"]], MaxGap: 1, NeedsKneeInMessage: true),
        // A fever told as a reading ("a temp of 38.6", "39 degrees", "102f") or as shivers, with a swollen or red knee.
        new("fever-reading", HotRed, [KneeWords], Requires: [FeverReading], RequiresAlso: SwollenOrRed),
        new("temperature-with-swollen-knee", HotRed, [["temp", "temperature", "temps", "shivery", "shivers", "shivering", "feverish"]], NeedsKneeInMessage: true, Requires: SwollenOrRed, Unless: [["outside"], ["weather"], ["degrees"], ["cold"], ["rain"], ["water"], ["ice"], ["bath"]]),
        new("heat-coming-off", HotRed, [["heat", "warmth"], ["coming", "radiating", "pouring", "pumping", "off", "from"]], MaxGap: 1, NeedsKneeInMessage: true, Requires: SwollenOrRed, Unless: [["sun"], ["track"], ["road"], ["tarmac"], ["pavement"], ["weather"]]),
        new("fever-with-knee", HotRed, [["fever", "fevers", "feverish", "febrile", "chills", "infection", "infected", "pus", "septic"]], NeedsKneeInMessage: true),

        // Numbness or tingling, unless it is a mind or a face, or loose laces put it right.
        new("numb-or-tingling", Numbness, [["numb", "numbness", "tingling", "tingle", "tingles", "tingly", "prickling", "needles", "numbed", "novocaine", "anaesthetic", "anesthetic", "buzzing", "electric", "zapping", "zaps", "fizzy", "fizzing", "paraesthesia", "paraesthesias", "paraesthesiae", "paresthesia", "paresthesias", "hypoaesthesia", "hypoesthesia", "formication"]], Subject: Subject.Body, NotFollowedBy: ["drink", "drinks", "water", "sweets", "juice", "soda"],
            Unless: [["mind"], ["boredom"], ["bored"], ["brain"], ["boring"], ["emotionally"], ["ice"], ["icing"], ["iced"], ["watch"], ["phone"]], UnlessAll: [PassingNumbCause, PassingRecovery]),
        // "feels like it belongs to someone else", "asleep but never wakes up", "fuzzy and dead for days".
        new("belongs-to-someone-else", Numbness, [["belongs", "belong", "belonged", "belonging"], ["to"], ["someone", "somebody", "else", "another"]], MaxGap: 1, Subject: Subject.Body),
        new("asleep-and-stays", Numbness, [["foot", "feet", "toes", "toe", "leg", "legs", "shin", "calf", "heel", "sole", "ankle", "thigh"], ["asleep", "fuzzy", "fuzz", "woolly", "wooly"]], MaxGap: 6, StopsAtClause: false,
            Requires: ["never", "days", "weeks", "week", "since", "still", "constant", "constantly", "won't", "wont", "doesn't", "doesnt", "hasn't", "hasnt", "stays", "permanently"],
            UnlessAll: [PassingNumbCause, PassingRecovery]),
        // advice10 (chat-test8's voices): a foot that "is sleeping" all the time, "like ants crawling", "a dead feeling in
        // the foot for days", "paraesthesia" (in numb-or-tingling). Not a foot that fell asleep for a minute, not dead legs.
        new("foot-is-sleeping", Numbness, [FootWords, ["is", "are", "keeps", "keep", "was", "been", "stays", "stay", "always", "goes", "go"], ["sleeping", "asleep"]], MaxGap: 2, StopsAtClause: false, Requires: Stays,
            UnlessAll: [PassingNumbCause, PassingRecovery]),
        new("like-ants-crawling", Numbness, [["like", "of"], ["ants", "insects", "bugs", "crawling"]], MaxGap: 2, NeedsKneeInMessage: true, Requires: ["feeling", "feel", "feels", "felt", "sensation", "crawling", "crawl", "skin", "tingling"]),
        new("dead-feeling-in-foot", Numbness, [["dead", "deadened", "lifeless"], ["feeling", "feel", "feels", "sensation"], FootWords], MaxGap: 3, StopsAtClause: false, Requires: Stays,
            UnlessAll: [PassingNumbCause, PassingRecovery]),
        new("foot-feels-dead", Numbness, [FootWords, ["feels", "feel", "feeling", "felt", "is", "gone", "goes", "went"], ["dead", "deadened", "lifeless"]], MaxGap: 3, StopsAtClause: false, Requires: Stays,
            UnlessAll: [PassingNumbCause, PassingRecovery]),
        new("cotton-wool", Numbness, [["cotton"], ["wool"]], Subject: Subject.Body),
        new("lost-feeling", Numbness, [["lost", "lose", "losing", "no"], ["feeling", "sensation"]], MaxGap: 2, Subject: Subject.Body, Negatable: false),
        new("cannot-feel", Numbness, [Inability, ["feel"]], MaxGap: 1, Requires: ["foot", "feet", "toes", "toe", "leg", "shin", "calf", "knee", "ankle", "heel", "sole"], NotFollowedBy: ["like", "any", "the", "a", "much", "motivated", "it"]),

        // Visible deformity.
        new("deformed", Deformity, [["deformed", "deformity", "misshapen", "disfigured", "dislocated"]]),
        new("out-of-place", Deformity, [["out"], ["of"], ["place", "position", "socket", "joint"]], NeedsKneeInMessage: true),
        // safety10: "out of line" is alignment talk ("feet and hips being out of line") unless a fall or knock put the
        // knee out of line ("took a knock and my kneecap is out of line").
        new("out-of-line-after-knock", Deformity, [["out"], ["of"], ["line", "alignment"]], NeedsKneeInMessage: true, Subject: Subject.Knee, Requires: ShapeContext),
        new("sticking-out-after-fall", Deformity, [["sticking", "poking", "bulging", "jutting"], ["out"]], NeedsKneeInMessage: true, Requires: ["fell", "fall", "fallen", "crash", "crashed", "tackle", "tackled", "collided", "landed", "tripped"]),
        // "sticking out at an odd angle", "doesn't look like a knee anymore".
        new("odd-angle", Deformity, [["sticking", "poking", "pointing", "jutting", "bent", "bends", "sits", "sitting", "twisted"], ["odd", "funny", "weird", "strange", "wrong", "awkward", "crazy", "unnatural"], ["angle", "angles", "direction"]], MaxGap: 3, NeedsKneeInMessage: true),
        new("not-like-a-knee", Deformity, [["doesn't", "doesnt", "does'nt", "dont", "don't", "not", "no"], ["look", "looks", "looking"], ["like"], ["a", "my", "the"], ["knee", "kneecap", "leg", "joint"]], MaxGap: 1, Negatable: false),
        // advice9: the knee's shape told as changed, after a fall or against the other knee ("the shape is just off
        // compared to the other one", "totally out of shape", "at a weird angle", "a bump that wasn't there"). Not the
        // person ("i'm so out of shape") and not a thing ("the wheel is a weird shape").
        new("shape-changed", Deformity, [["shape", "shaped", "outline"], OffWords], MaxGap: 5, StopsAtClause: false, NeedsKneeInMessage: true, Subject: Subject.Knee, Requires: ShapeContext, StepsNegatable: true),
        new("odd-shape", Deformity, [["weird", "odd", "wrong", "different", "funny", "strange"], ["shape", "shaped"]], MaxGap: 1, NeedsKneeInMessage: true, Subject: Subject.Knee, Requires: ShapeContext),
        new("out-of-shape", Deformity, [["out"], ["of"], ["shape"]], NeedsKneeInMessage: true, Subject: Subject.Knee, Requires: ShapeContext),
        new("at-an-angle", Deformity, [["at", "on"], ["an", "a"], ["odd", "funny", "weird", "strange", "wrong", "awkward", "unnatural", "crazy"], ["angle"]], NeedsKneeInMessage: true, Subject: Subject.Knee, Requires: ShapeContext),
        new("bump-that-wasnt-there", Deformity, [["bump", "lump", "bulge", "dent", "ridge", "step", "knob"], ["wasn't", "wasnt", "never", "didn't", "didnt", "should", "shouldn't", "shouldnt"], ["there", "be", "before", "flat"]], MaxGap: 4, Negatable: false, NeedsKneeInMessage: true, Requires: ShapeContext),
        new("looks-wrong", Deformity, [["looks", "look", "looking", "bent", "sticking", "pointing", "bone", "sits", "sat", "sitting"], ["wrong", "weird", "sideways", "out"]], MaxGap: 2, NeedsKneeInMessage: true, Subject: Subject.Body, Requires: ["wrong", "sideways", "bone", "weird"]),

        // A direct blow with marked swelling or bruising.
        // safety10: a small bruise with swelling denied and the person fine straight after is the harmless kind.
        new("blow-with-bruise", DirectBlow, [BlowWords.Concat(["fell", "landed", "whack", "knock", "blow", "impact"]).ToArray()], NeedsKneeInMessage: true, Subject: Subject.Body, Requires: BruiseWords.Concat(SwellingWords).ToArray(), UnlessFineAfter: true),
        new("big-bruise", DirectBlow, [Intense.Concat(["nasty", "dark", "deep"]).ToArray(), BruiseWords], MaxGap: 2, NeedsKneeInMessage: true),

        // Pain at night or at rest with weight loss, fever or feeling unwell.
        new("night-pain-and-unwell", NightPain, [PainWords], Requires: NightWords, RequiresAlso: Unwell),
        new("night-pain-and-weight-loss", NightPain, [["weight"]], Requires: NightWords, RequiresAlso: ["lost", "losing", "lose", "dropped", "dropping", "loss"], RequiresThird: NightPainWords, Negatable: false),
        new("night-pain-kilos-lost", NightPain, [["kilos", "kilo", "kg", "kgs", "pounds", "lbs", "stone"]], Requires: NightWords, RequiresAlso: ["lost", "losing", "dropped", "dropping", "shed"], RequiresThird: NightPainWords, Negatable: false),
        // advice10: a knee that wakes the person, told without a pain word, with feeling unwell ("my knee has been
        // waking me nightly, i've lost my appetite").
        new("woken-and-unwell", NightPain, [["knee", "knees", "kneecap", "pain", "ache", "aching", "throbbing", "leg"], ["wakes", "woke", "waking", "wake", "wakened", "waken"], ["me", "us"]], MaxGap: 3, StopsAtClause: false, RequiresAlso: Unwell),
        new("night-pain-clothes-loose", NightPain, [["trousers", "jeans", "clothes", "pants", "belt", "shorts", "waistband", "tights"], ["loose", "looser", "baggy", "baggier"]], MaxGap: 3, Requires: NightWords, RequiresAlso: PainWords),
        new("night-pain-clothes-looser", NightPain, [["looser", "baggier", "baggy"]], Requires: NightWords, RequiresAlso: PainWords.Concat(["throbbing", "throb", "throbs", "wake", "woke"]).ToArray()),
        new("unexplained-weight-loss", NightPain, [["weight", "mass"], ["loss"]], Requires: ["unexplained", "explain", "trying", "reason", "why", "nobody", "unintentional", "unintended", "involuntary", "unintentionally"]),

        // Severe pain, or pain that keeps someone awake.
        new("unbearable", SeverePain, [["excruciating", "unbearable", "agonizing", "agonising", "agony", "crippling", "intolerable"]], Requires: ["night", "nights", "rest", "resting", "sleep", "sleeping", "bed", "lying", "constant", "constantly", "nonstop", "awake", "sitting", "still"]),
        new("severe-at-night", SeverePain, [["worst", "severe", "extreme", "horrible", "terrible", "awful", "intense"], PainWords], MaxGap: 2, Requires: ["night", "nights", "rest", "resting", "sleep", "sleeping", "bed", "lying", "constant", "worst"]),
        new("constant-at-rest", SeverePain, [["constant"], PainWords], MaxGap: 2, Requires: ["night", "nights", "rest", "resting", "sleep", "sleeping", "bed", "lying"]),
        // advice10: not when the message says the person is otherwise well ("otherwise fine, eating normally, no fevers").
        new("wakes-me-up", SeverePain, [["wakes", "woke", "waking", "wake", "keeps", "kept"], ["me"], ["up", "awake", "night"]], MaxGap: 1, Requires: PainWords, UnlessOtherwiseWell: true),
        new("cannot-sleep", SeverePain, [Inability, ["sleep", "sleeping"]], MaxGap: 2, Requires: PainWords),

        // A lump that grows.
        new("growing-lump", GrowingLump, [["lump", "lumps", "mass", "bump", "growth", "cyst", "nodule", "knot"]], Requires: ["growing", "grows", "grown", "grew", "bigger", "larger", "expanding", "spreading", "getting", "hard", "firm", "sized", "size", "grape", "golf", "egg", "marble"], Unless: [["goose"], ["speed"], ["road"]]),
        // Something under the skin that grows, told by what it is like: "a marble under the skin… every week a bit bigger" (chat-test9).
        new("under-skin-growing", GrowingLump, [["marble", "pea", "grape", "something", "thing", "ball", "knot"], ["under"], ["the", "my"], ["skin"]], MaxGap: 1, Requires: ["growing", "grows", "grown", "grew", "bigger", "larger", "expanding"]),
        // A hard thing by the knee that has grown, in other words than "lump": "the hard bit above my kneecap has grown".
        new("hard-thing-grown", GrowingLump, [["hard", "firm", "bony"], ["bit", "thing", "spot", "knob", "patch", "area", "part", "piece", "ridge"]], MaxGap: 1, NeedsKneeInMessage: true, Requires: ["growing", "grows", "grown", "grew", "bigger", "larger", "expanding"]),
        new("swelling-getting-bigger", GrowingLump, [["swelling", "lump", "bump", "mass"]], Requires: ["growing", "grows", "grown", "grew", "bigger", "larger", "expanding"], RequiresAlso: ["hard", "firm", "week", "weeks", "month", "months", "every"]),

        // A child or teenager with knee pain and a limp, or hip, groin or thigh pain.
        new("child-limping", ChildLimp, [LimpWords], Requires: Young, RequiresAlso: ["knee", "knees", "hip", "leg", "groin", "thigh"]),
        // A limp in other words: "walking funny on one side".
        new("child-walks-oddly", ChildLimp, [["walking", "walks", "walk", "walked", "running", "runs"], ["funny", "oddly", "weird", "weirdly", "strangely", "lopsided", "awkwardly", "unevenly"]], MaxGap: 1, Requires: Young, RequiresAlso: ["knee", "knees", "hip", "leg", "groin", "thigh"]),
        new("child-hip-groin", ChildLimp, [["hip", "groin", "thigh"]], Requires: Young, RequiresAlso: ["knee", "knees"], RequiresThird: ["weeks", "week", "months", "month", "limp", "limping", "ages"]),
        // advice10: a child's hip, groin or thigh that has hurt for weeks, with no knee named (hip trouble is often felt
        // in the thigh or knee): "my son's thigh has hurt for a month".
        new("child-thigh-for-weeks", ChildLimp, [["hip", "hips", "groin", "thigh", "thighs"], ["for", "since"], Weeks], MaxGap: 4, StopsAtClause: false, Requires: Young, RequiresAlso: PainWords),

        // Dark urine after extreme exertion (muscle breakdown).
        new("dark-urine", DarkUrine, [["dark", "brown", "cola", "coke", "black", "red", "tea", "bloody", "darker"], ["urine", "pee", "piss", "wee", "peeing", "weeing"]], MaxGap: 3),
        new("urine-is-dark", DarkUrine, [["urine", "pee", "piss", "wee", "peeing", "weeing", "urinating", "peed"]], Requires: ["dark", "brown", "cola", "coke", "black", "tea", "darker"]),
        // Urine likened to a dark drink or sauce: "the colour of soy sauce", "like cola", "like strong tea".
        new("urine-like-dark-drink", DarkUrine, [["urine", "pee", "piss", "wee", "peeing", "weeing", "urinating", "peed", "weed"], ["soy", "sauce", "coffee", "rust", "rusty", "mahogany", "treacle", "tar", "cocoa", "cola", "coke", "tea", "port", "whisky", "whiskey", "brandy", "bovril", "marmite", "guinness", "stout", "gravy"]], MaxGap: 6),
        new("rhabdo", DarkUrine, [["rhabdo", "rhabdomyolysis"]], Negatable: false),

        // A spreading rash or tick bite, then a swollen joint.
        // safety10: "checked for ticks, none" denies the tick, and "a bit sore" is not a bite.
        new("tick-bite", TickRash, [["tick", "ticks"]], NotFollowedBy: ["none", "nothing", "negative", "clear"], Requires: ["bite", BitBy, "bitten", "rash", "bullseye", "swollen", "swelling", "joint", "ring", "circle", "puffy"], Unless: [["tick", "box"], ["tick", "off"], ["ticked"]]),
        new("spreading-rash", TickRash, [["rash"]], Requires: ["spreading", "spread", "bullseye", "ring", "circle", "growing", "bigger", "tick", "expanding", "widening", "larger", "grew", "grown"], RequiresAlso: ["knee", "knees", "joint", "swollen", "swelling"]),
        new("spreading-red-patch", TickRash, [["red", "pink", "reddish"], ["patch", "ring", "circle", "mark", "blotch", "spot", "area"]], MaxGap: 2, NeedsKneeInMessage: true, Requires: ["spreading", "spread", "expanding", "growing", "bigger", "grew", "grown", "larger", "widening", "wider", "widens", "widened", "grows"], RequiresAlso: SwellingWords),
        new("lyme", TickRash, [["lyme"]], Negatable: false),

        // Redness, heat or fever after recent knee surgery.
        new("after-surgery", PostSurgery, [Surgery], Requires: ["red", "redder", "redness", "hot", "hotter", "warm", "warmer", "fever", "pus", "oozing", "discharge", "leaking", "weeping", "yellow", "swollen", "swelling", "feverish", "infected", "infection"], RequiresAlso: ["knee", "knees", "acl", "meniscus", "arthroscopy", "replacement", "scope", "leg"]),
    ];

    /// <summary>The first rule that fires, reading the words in order.</summary>
    public static RedFlagMatch? Check(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        words = FatAsSwollen(words);
        var hasKneeContext = false;
        var present = new HashSet<string>(StringComparer.Ordinal);
        var negated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            hasKneeContext |= KneeOrLeg.Contains(word) && !SaidToBeFine(words, i);
            if (Negation.IsNegated(words, i))
            {
                negated.Add(word);
            }
            else
            {
                present.Add(word);
            }

            if (IsChildAge(words, i))
            {
                present.Add(ChildAge);
            }

            if (word is "brother" or "sister" or "bro" or "sis" && i > 0 && words[i - 1] is "little" or "younger" or "baby" or "kid" or "lil" or "wee")
            {
                present.Add(YoungSibling);
            }

            if (word == "bit" && !(i > 0 && words[i - 1] is "a" or "little" or "tiny" or "wee" or "quite" or "only" or "just" or "one" or "abit"))
            {
                present.Add(BitBy);
            }

            if (IsFeverReading(words, i))
            {
                present.Add(FeverReading);
            }
        }

        foreach (var rule in Rules)
        {
            if (rule.NeedsKneeInMessage && !hasKneeContext
                || !HasAny(present, rule.Requires) || !HasAny(present, rule.RequiresAlso) || !HasAny(present, rule.RequiresThird))
            {
                continue;
            }

            for (var start = 0; start < words.Count; start++)
            {
                if (!Matches(rule, words, start, out var end) || rule.Negatable && Negation.IsNegated(words, start)
                    || rule.Unless is { } unless && SentenceHasAny(words, start, unless)
                    || rule.UnlessAll is { } all && all.All(any => any.Any(present.Contains))
                    || rule.UnlessDenied is { } denied && denied.Any(negated.Contains) && !denied.Any(present.Contains)
                    || rule.UnlessOtherwiseWell && !Unwell.Any(present.Contains) && (Unwell.Any(negated.Contains) || MessageHasAny(words, OtherwiseWell))
                    || rule.UnlessFineAfter && SwellingWords.Any(negated.Contains) && !SwellingWords.Any(present.Contains) && MessageHasAny(words, FineAfter, nearNegationOnly: true)
                        && (rule.Flag != DirectBlow || OnlySmallBruises(words))
                    || rule.UnlessPosture && PostureChoice(words, end)
                    || rule.Flag == GrowingLump && words[start] == "bump" && MessageHasAny(words, Pregnancy)
                    || rule.Flag == Injury && LongAgo(words, start)
                    || (rule.Flag == Injury || rule.Flag == PopSwelling) && AskedInGeneral(words, start)
                    || rule.Subject != Subject.None && !SubjectFits(words, start, end, rule.Subject))
                {
                    continue;
                }

                return new RedFlagMatch(rule.Flag, rule.Id);
            }
        }

        return null;
    }

    // A growing "bump" in a message about a pregnancy is the baby (chat-test9: "the bump is growing… till baby comes").
    private static readonly string[][] Pregnancy = [["pregnant"], ["pregnancy"], ["baby"], ["trimester"], ["weeks", "along"], ["due", "date"], ["midwife"]];

    // A calf clot's own words: swollen, warm, red, tender, hard.
    private static readonly string[] ClotWords =
        ["swollen", "swelling", "swelled", "puffy", "warm", "hot", "red", "tender", "hard", "fat", "fatter", "bigger"];

    // Told as over, with a time: "fine by the next day", "settled by morning", "went away".
    private static readonly string[][] Resolved =
        [["fine", "by"], ["fine", "the", "next"], ["next", "day"], ["next", "morning"], ["by", "morning"], ["went", "away"], ["gone", "by"],
         ["settled"], ["eased", "off"], ["back", "to", "normal"]];

    /// <summary>
    /// safety10: the signs the message describes only as denied and over, which the semantic net must not raise (its
    /// vectors leave the negated words out: "calf is tight after the flight but not swollen, not warm, totally fine by
    /// the next day" reads as "calf is tight after the flight"). Calf-clot: a clot word denied, none said, and the
    /// tightness told as over ("fine by the next day", "settled", "went away"). The rules are untouched.
    /// </summary>
    public static IReadOnlySet<string> DeniedSigns(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        bool denied = false, said = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (ClotWords.Contains(words[i]))
            {
                if (Negation.IsNegated(words, i))
                {
                    denied = true;
                }
                else
                {
                    said = true;
                }
            }
        }

        return denied && !said && MessageHasAny(words, Resolved, nearNegationOnly: true)
            ? new HashSet<string>(StringComparer.Ordinal) { CalfClot.Code }
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Rule ids with their flags, for the docs test.</summary>
    public static IEnumerable<(string Rule, RedFlag Flag)> RuleIds => Rules.Select(r => (r.Id, r.Flag));

    /// <summary>A child's age: "is 12", "aged 9", "my 14 year old", "13yo" (4 to 17).</summary>
    private static bool IsChildAge(IReadOnlyList<string> words, int index)
    {
        var word = words[index];
        var digits = word.EndsWith("yo", StringComparison.Ordinal) ? word[..^2] : word;
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var age) || age is < 4 or > 17)
        {
            return false;
        }

        var next = index + 1 < words.Count ? words[index + 1] : "";
        var previous = index > 0 ? words[index - 1] : "";
        return digits.Length < word.Length
            || next is "yo" or "year" or "years" or "yr" or "yrs" && (index + 2 >= words.Count || words[index + 2] != "ago")
            || previous is "is" or "aged" or "age" or "turned" or "he's" or "she's" or "hes" or "shes"
            // "(he's 11)": the possessive filter leaves "he 11"; not "he's 11 minutes faster" (advice10).
            || previous is "he" or "she" && !NotTemperatureUnits.Contains(next);
    }

    /// <summary>
    /// A body temperature of fever: "38.6", "39c", "39 degrees", "102f", "101.5 f" (37.8 to 42.5 °C, 100 to 106 °F).
    /// A bare whole number needs a unit or a "temp"/"fever" word just before it: "38 minutes" is not a fever.
    /// </summary>
    private static bool IsFeverReading(IReadOnlyList<string> words, int index)
    {
        var word = words[index];
        var unit = word.EndsWith('c') || word.EndsWith('f') ? word[^1] : '\0';
        var digits = unit == '\0' ? word : word[..^1];
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0])
            || !double.TryParse(digits, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var next = index + 1 < words.Count ? words[index + 1] : "";
        var previous = index > 0 ? words[index - 1] : "";
        var before = index > 1 ? words[index - 2] : "";
        if (NotTemperatureUnits.Contains(next))
        {
            return false;
        }

        unit = unit != '\0' ? unit : next is "c" or "°c" or "celsius" ? 'c' : next is "f" or "°f" or "fahrenheit" ? 'f' : next is "degrees" or "deg" ? 'd' : '\0';
        var named = previous is "temp" or "temperature" or "fever" || previous == "of" && before is "temp" or "temperature" or "fever";
        var celsius = value is >= 37.8 and <= 42.5;
        var fahrenheit = value is >= 100 and <= 106;
        return unit switch
        {
            'c' => celsius,
            'f' => fahrenheit,
            'd' => celsius || fahrenheit,
            _ => (celsius && digits.Contains('.')) || ((celsius || fahrenheit) && named),
        };
    }

    /// <summary>
    /// An injury told as history in its sentence: "tore my acl in 2015, fully healed years ago". The sign is about
    /// what happens now; a long-healed injury is background to a training question.
    /// </summary>
    private static bool LongAgo(IReadOnlyList<string> words, int index)
    {
        var from = index;
        while (from > 0 && words[from - 1] != SentenceBreak)
        {
            from--;
        }

        for (var i = from; i < words.Count && words[i] != SentenceBreak; i++)
        {
            var word = words[i];
            if (word is "healed" or "recovered"
                || word == "ago" && i > from && words[i - 1] is "years" or "year" or "ages" or "long" or "decade" or "decades"
                || word.Length == 4 && int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1950 and <= 2025)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// safety10: "fat" as swelling slang after an injury ("the knee … it's fat since the twist", "my knee has gone fat
    /// after i twisted it") is read as "swollen". Only with the knee, the leg or "it" just before it (up to three
    /// words, in its sentence) and an injury word in the message: "i've got fat since my acl injury", "the fat pad",
    /// "fat loss" stay ordinary.
    /// </summary>
    private static IReadOnlyList<string> FatAsSwollen(IReadOnlyList<string> words)
    {
        List<string>? rewritten = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is not ("fat" or "fatter") || i + 1 < words.Count && words[i + 1] is "pad" or "pads" or "loss" or "burn" or "burning" or "content")
            {
                continue;
            }

            var subject = false;
            for (var back = i - 1; back >= 0 && back >= i - 3 && words[back] != SentenceBreak; back--)
            {
                if (words[back] is "i" or "im" or "i'm" or "ive" or "i've" or "me" or "body" or "belly" or "getting" or "got")
                {
                    break;
                }

                if (KneeSubject.Contains(words[back]) || words[back] is "it" or "its")
                {
                    subject = true;
                    break;
                }
            }

            if (subject && words.Where((w, k) => InjuryWords.Contains(w) && !Negation.IsNegated(words, k)).Any())
            {
                rewritten ??= [.. words];
                rewritten[i] = "swollen";
            }
        }

        return rewritten ?? words;
    }

    private static readonly FrozenSet<string> FirstPerson = Set(
        "i", "im", "i'm", "ive", "i've", "id", "i'd", "my", "me", "mine", "myself", "we", "our", "us", "ours");

    private static readonly FrozenSet<string> SignWords = Set("signs", "sign", "symptoms", "symptom", "flags", "warning", "warnings");

    private static readonly FrozenSet<string> AskWords = Set("which", "what", "whats", "what's", "when", "how");

    private static readonly string[][] InGeneral =
        [["in", "general"], ["generally", "speaking"], ["hypothetically"], ["hypothetical"], ["in", "theory"], ["just", "curious"], ["for", "future", "reference"]];

    /// <summary>
    /// safety10: an injury named in a question asked in general, not told as the person's own ("which signs after a
    /// fall or twist mean it's not just a sore knee? asking in general"): the sentence names no one of the first person
    /// ("i", "my", "we"), and asks about signs or the message says it is asked in general. "what are the signs i tore
    /// something? i fell on it" still fires.
    /// </summary>
    private static bool AskedInGeneral(IReadOnlyList<string> words, int index)
    {
        var from = index;
        while (from > 0 && words[from - 1] != SentenceBreak)
        {
            from--;
        }

        bool signs = false, asks = false;
        for (var i = from; i < words.Count && words[i] != SentenceBreak; i++)
        {
            if (FirstPerson.Contains(words[i]))
            {
                return false;
            }

            signs |= SignWords.Contains(words[i]);
            asks |= AskWords.Contains(words[i]);
        }

        return signs && asks || MessageHasAny(words, InGeneral);
    }

    // Words that make "locked straight" a posture choice: a soft knee as the other option, a should or a cue, a stretch.
    private static readonly FrozenSet<string> PostureCue = Set(
        "soft", "softly", "softer", "should", "shouldn't", "shouldnt", "supposed", "keep", "keeping", "cue", "cued", "posture",
        "form", "technique", "stretch", "stretching", "stretches", "fold", "deadlift", "deadlifts", "rdl", "rdls", "plank", "pose");

    /// <summary>
    /// "should my knees be locked straight or a bit soft", "knees locked dead straight or soft?": the trigger at
    /// <paramref name="index"/> followed by "straight" (or "dead/fully straight"), in a sentence that names a posture
    /// choice. A knee that "locked straight" with nothing of the kind still fires.
    /// </summary>
    private static bool PostureChoice(IReadOnlyList<string> words, int index)
    {
        var next = index + 1 < words.Count ? words[index + 1] : "";
        var after = index + 2 < words.Count ? words[index + 2] : "";
        if (next != "straight" && !(next is "dead" or "fully" or "completely" or "totally" or "bolt" && after == "straight"))
        {
            return false;
        }

        var from = index;
        while (from > 0 && words[from - 1] != SentenceBreak)
        {
            from--;
        }

        for (var i = from; i < words.Count && words[i] != SentenceBreak; i++)
        {
            if (PostureCue.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"knee totally fine", "my knee is ok": the knee is named only to rule it out.</summary>
    private static bool SaidToBeFine(IReadOnlyList<string> words, int index)
    {
        for (var next = index + 1; next < words.Count && next <= index + 3; next++)
        {
            if (words[next] == SentenceBreak)
            {
                return false;
            }

            if (Fine.Contains(words[next]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAny(HashSet<string> present, string[]? words) => words is null || words.Any(present.Contains);

    private static bool Matches(Rule rule, IReadOnlyList<string> words, int start, out int end)
    {
        end = start;
        if (!rule.Steps[0].Contains(words[start]))
        {
            return false;
        }

        var position = start;
        for (var step = 1; step < rule.Steps.Length; step++)
        {
            var found = -1;
            var last = Math.Min(words.Count - 1, position + 1 + rule.MaxGap);
            for (var next = position + 1; next <= last; next++)
            {
                if (words[next] == SentenceBreak
                    || rule.StopsAtClause && Negation.ClauseBreaks.Contains(words[next]) && !rule.Steps[step].Contains(words[next]))
                {
                    break;
                }

                if (rule.Steps[step].Contains(words[next]) && !(rule.StepsNegatable && Negation.IsNegated(words, next)))
                {
                    found = next;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            position = found;
        }

        end = position;
        return rule.NotFollowedBy is not { } exclusions || position + 1 >= words.Count || !exclusions.Contains(words[position + 1]);
    }

    /// <summary>
    /// The thing the trigger word is about: first what follows it in its clause ("twisted my knee"), else the nearest
    /// thing named before it, in its sentence or earlier ones ("my knee … it locked"). A body part lets the rule fire
    /// (for <see cref="Subject.Knee"/>, only the knee or leg: "my hips feel locked", "i collapse" do not), a device or
    /// an idiom's subject stops it. With nothing named it fires: in a knee chat, "it locked up" is most likely the knee.
    /// </summary>
    private static bool SubjectFits(IReadOnlyList<string> words, int start, int end, Subject subject)
    {
        if (subject == Subject.Swollen)
        {
            return SwollenIsLeg(words, start, end);
        }

        if (subject == Subject.SwollenBody)
        {
            return SwollenIsNotAnkle(words, start);
        }

        // The object of the trigger itself: "fell off my bike … swollen", "twisted my knee … swelled".
        for (var next = start + 1; next < end && next <= start + 4; next++)
        {
            if (words[next] == SentenceBreak || Negation.ClauseBreaks.Contains(words[next]))
            {
                break;
            }

            if (Verdict(words, next, subject) is { } verdict)
            {
                return verdict;
            }
        }

        for (var next = end + 1; next < words.Count && next <= end + 4; next++)
        {
            var word = words[next];
            if (word == SentenceBreak || Negation.ClauseBreaks.Contains(word))
            {
                break;
            }

            if (Verdict(words, next, subject) is { } verdict)
            {
                return verdict;
            }
        }

        for (var back = start - 1; back >= 0 && back >= start - 40; back--)
        {
            // "i collapse", "i basically collapsed": the person, not the knee. Further back, "i" says nothing.
            if (subject == Subject.Knee && words[back] is "i" or "im" or "i'm" && start - back <= 2)
            {
                return false;
            }

            if (Verdict(words, back, subject) is { } verdict)
            {
                return verdict;
            }
        }

        return true;
    }

    /// <summary>
    /// What swelled after a twist: the body part named nearest before the swelling word (else just after it). The
    /// knee, leg, calf, shin or thigh lets the rule fire; an ankle, foot or hip does not (a rolled ankle that swells
    /// is not a knee sign). Devices are ignored here: "fell off my bike and it swelled" is still the leg.
    /// </summary>
    private static bool SwollenIsLeg(IReadOnlyList<string> words, int start, int end)
    {
        var swollen = start;
        while (swollen < end && !SwellingWords.Contains(words[swollen]))
        {
            swollen++;
        }

        static bool? LegVerdict(string word) =>
            KneeSubject.Contains(word) || LowerLeg.Contains(word) ? true : Body.Contains(word) || UpperBody.Contains(word) ? false : null;

        for (var back = swollen - 1; back >= 0 && back >= swollen - 40; back--)
        {
            if (LegVerdict(words[back]) is { } verdict)
            {
                return verdict;
            }
        }

        for (var next = swollen + 1; next < words.Count && next <= swollen + 4 && words[next] != SentenceBreak; next++)
        {
            if (LegVerdict(words[next]) is { } verdict)
            {
                return verdict;
            }
        }

        return true;
    }

    /// <summary>
    /// What swelled, for the swelling rules (advice10): the thing named nearest before the swelling word, else just
    /// after it. An ankle or foot is not the knee sign ("went over on my ankle, it swelled up"), unless the knee or leg is
    /// named with it ("my knee and ankle swelled up"); a device stops it ("my phone battery swelled up"); nothing named fires.
    /// </summary>
    private static bool SwollenIsNotAnkle(IReadOnlyList<string> words, int start)
    {
        for (var back = start - 1; back >= 0 && back >= start - 40; back--)
        {
            var word = words[back];
            if (AnkleOrFoot.Contains(word))
            {
                return back >= 2 && words[back - 1] is "and" or "&" && KneeSubject.Contains(words[back - 2]);
            }

            if (Verdict(words, back, Subject.Body) is { } verdict)
            {
                return verdict;
            }
        }

        for (var next = start + 1; next < words.Count && next <= start + 4 && words[next] != SentenceBreak && !Negation.ClauseBreaks.Contains(words[next]); next++)
        {
            if (AnkleOrFoot.Contains(words[next]))
            {
                return false;
            }

            if (Verdict(words, next, Subject.Body) is { } verdict)
            {
                return verdict;
            }
        }

        return true;
    }

    private static readonly FrozenSet<string> AnkleOrFoot = Set(
        "ankle", "ankles", "foot", "feet", "toe", "toes", "heel", "heels", "sole", "soles", "achilles", "instep", "arch", "arches");

    private static readonly FrozenSet<string> LowerLeg = Set("calf", "calves", "shin", "shins", "thigh", "thighs");

    private static readonly FrozenSet<string> UpperBody = Set(
        "wrist", "wrists", "arm", "arms", "hand", "hands", "finger", "fingers", "thumb", "thumbs", "elbow", "elbows",
        "shoulder", "shoulders", "neck", "back", "face", "eye", "eyes", "lip", "lips", "head", "chest", "jaw");

    /// <summary>
    /// Whether the word at <paramref name="index"/> names a fitting subject (true), a wrong one (false) or nothing
    /// (null). A word with "of" after it says nothing: the thing is what follows ("in the middle of a rep", "the back
    /// of my knee"; chat-test8's "locked up in the middle of a rep").
    /// </summary>
    private static bool? Verdict(IReadOnlyList<string> words, int index, Subject subject)
    {
        if (index + 1 < words.Count && words[index + 1] == "of")
        {
            return null;
        }

        var word = words[index];
        if (subject == Subject.Knee)
        {
            return KneeSubject.Contains(word) ? true : NotKnee.Contains(word) || NotBody.Contains(word) || Body.Contains(word) ? false : null;
        }

        return Body.Contains(word) ? true : NotBody.Contains(word) ? false : null;
    }

    /// <summary>
    /// True when the message holds one of the phrases, its first word not negated ("not fine" is not "fine"). With
    /// <paramref name="nearNegationOnly"/>, only a negation just before counts ("not fine", "isn't really fine"), since
    /// "no swelling, it's fine" has lost its comma.
    /// </summary>
    private static bool MessageHasAny(IReadOnlyList<string> words, string[][] phrases, bool nearNegationOnly = false)
    {
        foreach (var phrase in phrases)
        {
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                var match = nearNegationOnly ? !NegatedJustBefore(words, i) : !Negation.IsNegated(words, i);
                for (var k = 0; k < phrase.Length && match; k++)
                {
                    match = words[i + k] == phrase[k];
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool NegatedJustBefore(IReadOnlyList<string> words, int index) =>
        index > 0 && Negation.Negators.Contains(words[index - 1])
        || index > 1 && Negation.Negators.Contains(words[index - 2]) && words[index - 1] is "really" or "so" or "very" or "totally" or "quite" or "that" or "all" or "entirely";

    /// <summary>True when the sentence around <paramref name="index"/> contains one of the phrases.</summary>
    private static bool SentenceHasAny(IReadOnlyList<string> words, int index, string[][] phrases)
    {
        var from = index;
        while (from > 0 && words[from - 1] != SentenceBreak)
        {
            from--;
        }

        var to = index;
        while (to + 1 < words.Count && words[to + 1] != SentenceBreak)
        {
            to++;
        }

        foreach (var phrase in phrases)
        {
            for (var i = from; i + phrase.Length - 1 <= to; i++)
            {
                var match = true;
                for (var k = 0; k < phrase.Length && match; k++)
                {
                    match = words[i + k] == phrase[k];
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    private enum Subject
    {
        None,

        /// <summary>Any part of the leg or foot.</summary>
        Body,

        /// <summary>The knee or leg itself.</summary>
        Knee,

        /// <summary>The thing that swelled is the knee or leg (<see cref="SwollenIsLeg"/>).</summary>
        Swollen,

        /// <summary>Any part of the leg but the ankle or foot (advice10: "went over on my ankle, it swelled up" is not the knee sign).</summary>
        SwollenBody,
    }

    private sealed record Rule(
        string Id,
        RedFlag Flag,
        string[][] Steps,
        int MaxGap = 0,
        Subject Subject = Subject.None,
        bool NeedsKneeInMessage = false,
        bool Negatable = true,
        string[]? NotFollowedBy = null,
        string[]? Requires = null,
        string[]? RequiresAlso = null,
        string[]? RequiresThird = null,
        string[][]? Unless = null,
        string[][]? UnlessAll = null,
        bool StopsAtClause = true,
        // advice9: a later step's word inside a negation does not count ("a pop but no swelling", "shape not off").
        bool StepsNegatable = false,
        // advice9: the message names these only as absent ("no pain"): the rule does not fire.
        string[]? UnlessDenied = null,
        // advice10: the message says the person is otherwise well (no fever, eating normally): the rule does not fire.
        bool UnlessOtherwiseWell = false,
        // advice10: after a knock, swelling denied and the person fine straight after ("no swelling, ran home laughing").
        bool UnlessFineAfter = false,
        // safety10: the trigger is followed by "straight" in a sentence about a posture choice ("soft", "should").
        bool UnlessPosture = false);

    /// <summary>Every word any rule looks for, so that the spell checker can correct towards them.</summary>
    public static IEnumerable<string> Vocabulary =>
        Rules.SelectMany(r => r.Steps.SelectMany(s => s).Concat(r.Requires ?? []).Concat(r.RequiresAlso ?? []))
            .Concat(Negation.Negators).Concat(KneeOrLeg).Concat(InjuryWords).Where(w => w != SentenceBreak)
            .Distinct(StringComparer.Ordinal);
}
