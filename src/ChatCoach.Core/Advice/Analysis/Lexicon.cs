namespace ChatCoach.Core.Advice.Analysis;

/// <summary>
/// The words the engine knows about runners' knees, written as people type them. Everything here is surface
/// words; the analyzers turn them into index terms at start, so a change of stemmer never silently breaks a list.
/// </summary>
internal static class Lexicon
{
    /// <summary>
    /// Synonym groups: the first item is the canonical form that every other item (one or more words) is rewritten
    /// to, at index time and at query time alike. Outputs may be several words.
    /// </summary>
    public static readonly string[][] SynonymGroups =
    [
        ["patella", "kneecap", "kneecaps", "knee cap", "knee caps", "patellar"],
        ["itb", "it band", "it bands", "itband", "itbands", "iliotibial", "iliotibial band", "itbs", "i.t band", "it-band"],
        ["patellofemoral knee", "runner knee", "runners knee", "runner's knee", "pfps", "pfp", "patellofemoral pain", "patello femoral"],
        ["stairs", "downstairs", "upstairs", "staircase", "stairway", "stair"],
        ["downhill", "downhills", "descent", "descents", "descending", "down hill", "going down hill"],
        ["run", "jog", "jogs"],
        ["running", "jogging"],
        ["ran", "jogged"],
        ["runner", "jogger"],
        ["runners", "joggers"],
        ["pain", "sore", "soreness", "ache", "aches", "aching", "achy", "achey", "hurt", "hurts", "hurting", "painful", "pains", "twinge", "twinges", "niggle", "niggles", "niggling", "discomfort"],
        ["swelling", "swollen", "swell", "swells", "swelled", "puffy", "puffed"],
        ["ice", "icing", "iced", "ice pack", "cold pack", "cold compress", "frozen peas"],
        ["quadriceps", "quad", "quads", "quadricep", "thigh muscles", "thigh muscle", "front of my thigh"],
        ["glute", "glutes", "gluteal", "gluteus", "buttock", "buttocks", "butt", "bum"],
        ["shoe", "shoes", "sneaker", "sneakers", "trainers", "footwear", "running shoes"],
        ["physio", "physiotherapist", "physiotherapists", "physiotherapy", "physical therapist", "physical therapy", "sports therapist"],
        ["doctor", "gp", "doc", "physician", "orthopedist", "orthopaedist", "sports doctor", "medic"],
        ["cadence", "step rate", "steps per minute", "spm", "stride rate", "stride frequency", "turnover"],
        ["overstride", "overstriding", "over striding", "over stride", "overstrides", "overstrided"],
        ["warmup", "warm up", "warm ups", "warmups", "warming up", "warm-up"],
        ["cooldown", "cool down", "cooling down", "cooldowns"],
        ["foamroll", "foam roller", "foam rolling", "foam roll", "foam rolled", "foam rollers"],
        ["mileage", "miles", "mile", "kilometres", "kilometers", "kms", "km", "weekly distance", "volume"],
        ["brace", "braces", "knee brace", "knee braces", "knee sleeve", "knee sleeves", "knee support", "knee supports", "knee strap", "compression sleeve", "knee pads", "knee pad", "kneepad", "kneepads", "tape", "taping", "kinesio tape", "kt tape", "kinesiology tape"],
        ["rest", "resting", "time off", "day off", "days off", "rest day", "rest days"],
        ["outside", "outer", "lateral"],
        ["inside", "inner", "medial"],
        ["heelstrike", "heel strike", "heel striking", "heel strikes", "heel striker", "land on my heel", "landing on my heel", "land on my heels", "landing on my heels"],
        ["midfoot", "mid foot", "mid-foot", "forefoot", "middle of the foot", "middle of my foot"],
        ["cycling", "cycle", "bike", "biking", "bicycle", "spin bike"],
        ["crosstrain", "cross train", "cross training", "crosstraining", "cross-training", "cardio", "low impact", "other sports", "stay fit", "keep fit"],
        ["serious signs", "serious", "seriously", "worrying", "concerning", "dangerous", "red flag", "red flags", "warning signs", "warning sign"],
        ["strength", "strengthen", "strengthens", "strengthening", "strong", "stronger", "strengthener"],
        ["damage", "damaged", "damages", "damaging", "ruin", "ruins", "ruined", "ruining", "destroy", "destroys", "destroying", "wreck", "wrecks", "wrecking", "wear out", "wear down", "harm", "harmful"],
        ["patella knee", "front of knee", "front of the knee", "front of my knee", "front of my knees", "front of the knees", "knee front"],
        ["shorter stride", "shorter steps", "smaller steps", "short steps", "small steps", "shorter strides", "smaller strides", "shorten my stride"],
        ["overuse", "too much", "too much too soon", "more than usual", "way more", "doubled my", "upped my", "upping my", "ramped up", "increased my mileage", "overdid it", "overdoing it", "overtraining", "overtrained"],
        ["persistent", "not getting better", "not improving", "won't go away", "wont go away", "doesn't go away", "doesnt go away", "still hurts", "for weeks", "for months", "for a month", "chronic", "keeps coming back", "lingering"],
        ["strength exercises", "exercises", "workouts", "moves"],
        ["build back", "return to running", "returning to running", "get back into", "getting back into", "get back to", "getting back to", "back into running", "back to running", "start running again", "starting running again", "comeback", "come back", "coming back"],
        ["fatigue", "fatigued", "hit the wall", "bonked", "bonk", "exhausted", "worn out"],
        ["overweight", "lose weight", "losing weight", "weight loss", "heavier", "body weight"],
    ];

    /// <summary>
    /// Words that carry no topic in a chat question. Negations live here too: retrieval ignores them, while triage
    /// reads the surface words and handles "no swelling" itself.
    /// </summary>
    public static readonly string[] StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
        "i", "im", "i'm", "ive", "i've", "id", "i'd", "me", "my", "mine", "myself", "you", "your", "we", "our", "us",
        "what", "whats", "what's", "how", "hows", "why", "where", "which", "who", "whom", "should", "shall",
        "would", "could", "can", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "get", "gets",
        "got", "getting", "any", "anything", "some", "something", "about", "so", "just", "really", "very", "bit", "little",
        "lot", "lots", "also", "after", "when", "while", "long", "am", "been", "being", "were", "from", "up", "out", "all", "more", "most", "much",
        "many", "its", "it's", "he", "she", "his", "her", "them", "those", "than", "ok", "okay", "pls", "please", "plz",
        "hi", "hey", "hello", "thanks", "thank", "thx", "help", "tips", "tip", "advice", "anyone", "know", "want", "wanna",
        "need", "like", "feel", "feels", "felt", "feeling", "thing", "things", "stuff", "kind", "sort", "way", "ways",
        "best", "good", "better", "idea", "ideas", "question", "ask", "tell", "say", "think", "guess", "maybe", "u", "ur",
        "lol", "omg", "pretty", "kinda", "sorta", "gonna", "each", "one", "still", "now", "even", "again", "ever",
        "cant", "can't", "cannot", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "wont", "won't",
        "never", "without", "yes", "yeah", "yep", "nope", "anymore", "quite", "there's", "theres", "here", "try", "make",
        "use", "go", "going", "goes", "went", "keep", "keeps", "time", "times", "week", "weeks", "bad",
    ];

    /// <summary>
    /// Words that name the bot's whole subject ("runner's knee"): they place a question in the domain but say little
    /// about which entry answers it, so retrieval weighs them down.
    /// </summary>
    public static readonly string[] DomainWords = ["patellofemoral"];

    /// <summary>Words that put a question squarely on knees.</summary>
    public static readonly string[] KneeWords =
    [
        "knee", "knees", "kneecap", "kneecaps", "patella", "patellar", "patellofemoral", "itb", "iliotibial", "meniscus",
        "menisci", "acl", "mcl", "pcl", "lcl", "kneeling", "kneel", "popliteal",
    ];

    /// <summary>Running and training words: a question with these but no knee is still about running.</summary>
    public static readonly string[] RunningWords =
    [
        "run", "running", "runner", "runners", "ran", "runs", "jog", "jogging", "race", "races", "racing", "marathon",
        "marathons", "halfmarathon", "ultra", "5k", "10k", "parkrun", "mile", "miles", "km", "mileage", "treadmill",
        "trail", "trails", "hill", "hills", "sprint", "sprinting", "sprints", "pace", "tempo", "interval", "intervals",
        "warmup", "cooldown", "foamroll", "shoe", "shoes", "cadence", "stride", "physio", "squat", "squats", "lunge",
        "lunges", "stretch", "stretches", "stretching", "couch", "c25k", "overstride", "heelstrike", "midfoot",
        "crosstrain", "jogger",
    ];

    /// <summary>
    /// Other running topics and other body parts: without a knee word, a question with one of these is off-topic for
    /// this bot, however well a knee entry happens to match its other words.
    /// </summary>
    public static readonly string[] OtherRunningTopics =
    [
        "shin", "shins", "shinsplints", "splints", "achilles", "plantar", "fasciitis", "hamstring", "hamstrings", "toe",
        "toes", "toenail", "toenails", "spine", "neck", "shoulder", "shoulders", "groin", "stitch", "cramp", "cramps",
        "blister", "blisters", "chafing", "marathon", "marathons", "halfmarathon", "pace", "pacing", "tempo", "interval",
        "intervals", "5k", "10k", "parkrun", "pb", "pr", "race", "races", "racing", "faster", "speed", "shoe", "shoes",
        "sneakers", "trainers", "couch", "c25k", "ultra", "vo2", "strava", "gels", "carbs", "carb", "hydration",
    ];

    /// <summary>
    /// Everyday topics that are off-topic running questions when asked about running ("what should i eat before a
    /// run"), and plain unrelated questions otherwise ("what should i eat for dinner").
    /// </summary>
    public static readonly string[] TopicsNeedingRunningContext =
    [
        "eat", "eating", "food", "meal", "breakfast", "dinner", "nutrition", "diet", "drink", "drinking", "water", "coffee",
        "breathe", "breathing", "breath", "watch", "gps", "app", "music", "playlist", "headphones", "weather", "rain",
        "humid", "humidity", "sun", "dark", "night", "clothes", "clothing", "jacket", "shorts",
        "socks", "bra", "dog", "safety", "motivation", "motivated", "lazy", "bored", "weight", "calories", "fat", "sleep",
        "morning", "evening", "time", "alone", "group", "club", "friend", "friends", "period", "pregnant", "pregnancy",
    ];

    /// <summary>
    /// Other body parts that knee advice also talks about (hip strength, calf raises, foot strike): off-topic only
    /// when the question also says they hurt.
    /// </summary>
    public static readonly string[] OtherBodyParts =
    [
        "hip", "hips", "calf", "calves", "foot", "feet", "heel", "heels", "ankle", "ankles", "arch", "arches", "thigh", "thighs",
        "glute", "glutes", "lowerback", "backache", "wrist", "elbow",
    ];

    /// <summary>"Back" is a body part only after these words ("my back hurts", not "the pain came back").</summary>
    public static readonly string[] BackAsBodyPartAfter = ["my", "lower", "upper", "the", "mid", "sore", "bad", "painful", "achy"];

    /// <summary>
    /// Extra words the spell checker must know, so that they are never "corrected" into a knee word: common chat
    /// words and the vocabulary of things the bot does not cover.
    /// </summary>
    public static readonly string[] KnownWords =
    [
        "homework", "math", "maths", "recipe", "recipes", "cook", "cooking", "bake", "baking", "cake", "pancakes", "pasta",
        "dinner", "lunch", "breakfast", "crypto", "bitcoin", "stock", "stocks", "invest", "money", "weather", "rain",
        "raining", "sunny", "tomorrow", "today", "tonight", "yesterday", "movie", "movies", "song", "songs", "music",
        "capital", "france", "paris", "joke", "jokes", "poem", "write", "essay", "code", "python", "computer", "phone",
        "game", "games", "football", "soccer", "basketball", "tennis", "golf", "dog", "dogs", "cat", "cats", "car", "cars",
        "name", "weight", "lose", "diet", "sleep", "dream", "love", "girlfriend", "boyfriend", "wife", "husband", "kids",
        "school", "work", "job", "boss", "train", "trains", "bus", "flight", "hotel", "holiday", "vacation", "birthday",
        "translate", "english", "spanish", "language", "news", "president", "election", "pizza", "coffee", "tea", "beer",
        "wine", "drink", "drinks", "water", "coke", "main", "pain", "paint", "rain", "gain", "plain", "fine", "mine",
        "knew", "new", "news", "keen", "kneel", "runny", "ruin", "rune", "tune", "stars", "stare", "stays", "state",
        "bend", "lend", "send", "lock", "look", "rock", "sock", "clock", "fell", "feel", "fill", "full", "pop", "pup",
        "numb", "dumb", "hot", "red", "bed", "hit", "sit", "fit", "way", "gave", "give", "wave", "shin", "skin", "chin",
        "thin", "hop", "hip", "ship", "chip", "tip", "walk", "talk", "hike", "hiking", "swim", "swimming", "yoga",
        "pilates", "rowing", "row", "walking", "ski", "skiing", "dance", "dancing", "climb", "climbing", "weights",
        "lifting", "deadlift", "bench", "press", "plank", "planks", "cardio", "hurdle", "lol", "thanks", "cheers", "bro",
        "mate", "dude", "guys", "everyone", "anybody", "somebody", "pls", "plz", "wanna", "gonna", "gotta", "kinda",
        "sorta", "dunno", "yeah", "yep", "nope", "okay", "sure", "right", "left", "both", "either", "usually", "sometimes",
        "always", "often", "since", "because", "after", "before", "during", "while", "until", "long", "short", "slow",
        "fast", "easy", "hard", "normal", "okay", "worse", "worst", "getting", "started", "start", "stop", "stopped",
        "quit", "months", "month", "years", "year", "ago", "morning", "evening", "night", "afternoon", "weekend",
        // Medicines: "a beta blocker" was corrected into a lock word (chat-test8).
        "blocker", "blockers", "medication", "medicine", "tablets", "pills",
    ];

    /// <summary>Chat fillers and shorthands that the spell checker should leave alone however short.</summary>
    public static readonly string[] Fillers = ["pls", "plz", "thx", "lol", "omg", "btw", "idk", "tbh", "imo", "rn", "ngl"];

    /// <summary>
    /// Chat and British words the American word list lacks, left alone by the spell checker: "chuffed" is not a typo
    /// of "puffed" (which a red-flag rule reads as swelling).
    /// </summary>
    public static readonly string[] ChatWords =
    [
        "chuffed", "knackered", "footy", "niggle", "niggles", "niggly", "cuppa", "brekkie", "arvo", "parkrun", "hammies",
        "midsection", "powerbank", "bloke", "fartlek", "innit", "faff", "faffing", "sesh", "bonk", "bonked", "kms", "rehab",
        "physio", "knackering", "gutted", "stoked", "mardy", "skint", "quid",
        // Gym class names (safety10): "hiit" was corrected to "hit", which a red-flag rule reads as a blow to the knee.
        "hiit", "crossfit", "tabata", "amrap", "emom", "wod", "metcon", "plyo", "plyos", "bootcamp",
    ];
}
