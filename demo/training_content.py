"""The demo's training modules in English, French and Arabic, written from the programme's own
themes. Each quiz's right answers are given once (`KEY`), by position, for every language."""

INDEX = {
    "en": (
        "Training",
        "Short online modules for young people and municipal staff of the network. Read the "
        "lessons, take the quiz, and get a certificate.",
    ),
    "fr": (
        "Formation",
        "De courts modules en ligne pour les jeunes et les agents municipaux du réseau. Lisez "
        "les leçons, répondez au quiz et obtenez un certificat.",
    ),
    "ar": (
        "التدريب",
        "وحدات قصيرة عبر الإنترنت للشباب ولموظفي البلديات في الشبكة. اقرأ الدروس، وأجب عن "
        "الاختبار، واحصل على شهادة.",
    ),
}

COUNTER_NARRATIVES = {
    "slug": "counter-narrative-campaigns",
    "theme": "hate_speech",
    "pass_mark": 60,
    "toolkit": "Counter-narrative campaign toolkit",  # a resource of the library, on lesson 3
    # (several answers may be right, the right answers' positions)
    "key": [(False, {1}), (True, {0, 2}), (False, {0})],
    "en": {
        "title": "Counter-narrative campaigns",
        "summary": "How young people answer hateful messages online with stories of their own.",
        "lessons": [
            (
                "What a counter-narrative is",
                "<p>A counter-narrative does not argue with a hateful message line by line. It "
                "tells another story, true and close to the audience, that makes the hateful one "
                "look small.</p><p>The best ones come from the people the hate is aimed at, and "
                "from their neighbours.</p>",
            ),
            (
                "Knowing your audience",
                "<p>Choose one audience: the young people who hesitate, not the convinced. Ask "
                "where they spend time online and whom they trust.</p><p>Test your message with "
                "five of them before you publish it.</p>",
            ),
            (
                "Staying safe and measuring",
                "<p>Never show a person's face, school or street without their consent. Agree on "
                "who answers comments and when to stop.</p><p>Count what matters: shares and "
                "replies from your audience, not only views. The toolkit below has a one-page "
                "plan.</p>",
            ),
        ],
        "quiz": [
            (
                "What does a counter-narrative do?",
                [
                    "Answers every hateful post point by point",
                    "Tells another true story that makes the hateful one look small",
                    "Reports hateful accounts until they are closed",
                ],
            ),
            (
                "Which of these help you reach your audience? Tick every right answer.",
                [
                    "Knowing where they spend time online",
                    "Writing for the people already convinced",
                    "Testing the message with a few of them first",
                ],
            ),
            (
                "May you show a young person's school in a campaign video?",
                [
                    "Only with their consent",
                    "Yes, if the video is short",
                    "Yes, schools are public places",
                ],
            ),
        ],
    },
    "fr": {
        "title": "Campagnes de contre-discours",
        "summary": "Comment les jeunes répondent aux messages haineux en ligne par leurs propres "
        "récits.",
        "lessons": [
            (
                "Qu’est-ce qu’un contre-discours ?",
                "<p>Un contre-discours ne réfute pas un message haineux ligne par ligne. Il "
                "raconte une autre histoire, vraie et proche du public, qui fait paraître la "
                "haine dérisoire.</p><p>Les meilleurs viennent des personnes visées par la "
                "haine, et de leurs voisins.</p>",
            ),
            (
                "Connaître son public",
                "<p>Choisissez un seul public : les jeunes qui hésitent, pas les convaincus. "
                "Demandez-vous où ils passent du temps en ligne et à qui ils font confiance.</p>"
                "<p>Testez votre message auprès de cinq d’entre eux avant de le publier.</p>",
            ),
            (
                "Rester en sécurité et mesurer",
                "<p>Ne montrez jamais le visage, l’école ou la rue de quelqu’un sans son "
                "accord. Décidez qui répond aux commentaires et quand s’arrêter.</p><p>Comptez "
                "ce qui compte : partages et réponses de votre public, pas seulement les vues. "
                "La boîte à outils ci-dessous propose un plan d’une page.</p>",
            ),
        ],
        "quiz": [
            (
                "Que fait un contre-discours ?",
                [
                    "Il répond point par point à chaque message haineux",
                    "Il raconte une autre histoire vraie qui fait paraître la haine dérisoire",
                    "Il signale les comptes haineux jusqu’à leur fermeture",
                ],
            ),
            (
                "Qu’est-ce qui aide à toucher votre public ? Cochez toutes les bonnes réponses.",
                [
                    "Savoir où il passe du temps en ligne",
                    "Écrire pour les personnes déjà convaincues",
                    "Tester d’abord le message auprès de quelques-uns",
                ],
            ),
            (
                "Pouvez-vous montrer l’école d’un jeune dans une vidéo de campagne ?",
                [
                    "Seulement avec son accord",
                    "Oui, si la vidéo est courte",
                    "Oui, une école est un lieu public",
                ],
            ),
        ],
    },
    "ar": {
        "title": "حملات الخطاب المضاد",
        "summary": "كيف يردّ الشباب على رسائل الكراهية عبر الإنترنت بقصصهم الخاصة.",
        "lessons": [
            (
                "ما هو الخطاب المضاد؟",
                "<p>لا يجادل الخطاب المضاد رسالة الكراهية سطرًا بسطر، بل يروي قصة أخرى صادقة "
                "وقريبة من الجمهور تجعل رسالة الكراهية تبدو صغيرة.</p><p>وأفضل هذه القصص تأتي "
                "من الأشخاص الذين تستهدفهم الكراهية، ومن جيرانهم.</p>",
            ),
            (
                "معرفة جمهورك",
                "<p>اختر جمهورًا واحدًا: الشباب المترددين، لا المقتنعين. اسأل أين يقضون وقتهم "
                "على الإنترنت وبمن يثقون.</p><p>جرّب رسالتك مع خمسة منهم قبل نشرها.</p>",
            ),
            (
                "السلامة وقياس الأثر",
                "<p>لا تُظهر أبدًا وجه أحد أو مدرسته أو شارعه دون موافقته. اتفقوا على من يردّ "
                "على التعليقات ومتى تتوقفون.</p><p>احسب ما يهمّ: مشاركات جمهورك وردوده، لا "
                "المشاهدات وحدها. تجد في مجموعة الأدوات أدناه خطة من صفحة واحدة.</p>",
            ),
        ],
        "quiz": [
            (
                "ماذا يفعل الخطاب المضاد؟",
                [
                    "يردّ على كل منشور يحض على الكراهية نقطةً نقطة",
                    "يروي قصة أخرى صادقة تجعل رسالة الكراهية تبدو صغيرة",
                    "يبلّغ عن حسابات الكراهية حتى تُغلق",
                ],
            ),
            (
                "أيّ مما يلي يساعدك على الوصول إلى جمهورك؟ اختر كل الإجابات الصحيحة.",
                [
                    "معرفة أين يقضي وقته على الإنترنت",
                    "الكتابة لمن هم مقتنعون أصلًا",
                    "تجربة الرسالة أولًا مع عدد قليل منهم",
                ],
            ),
            (
                "هل يجوز أن تُظهر مدرسة شاب في فيديو الحملة؟",
                [
                    "فقط بموافقته",
                    "نعم، إذا كان الفيديو قصيرًا",
                    "نعم، فالمدارس أماكن عامة",
                ],
            ),
        ],
    },
}

COOPERATION = {
    "slug": "youth-and-municipal-cooperation",
    "theme": "civic_participation",
    "pass_mark": 60,
    "toolkit": None,
    "key": [(False, {2}), (True, {0, 1}), (False, {1})],
    "en": {
        "title": "Youth and municipal cooperation",
        "summary": "How young people and city halls work together on local projects that last.",
        "lessons": [
            (
                "Why work with the city",
                "<p>A city hall has what a youth group often lacks: rooms, permits, budgets and "
                "the power to keep a project going. Young people bring what the city lacks: "
                "trust in the neighbourhood and fresh ideas.</p><p>Start with one officer who "
                "answers, not with the whole council.</p>",
            ),
            (
                "Making an agreement",
                "<p>Write down, on one page, who does what and by when, who pays for what, and "
                "how you will tell each other that something goes wrong.</p><p>Meet at least "
                "every month and share what you learn with other cities of the network.</p>",
            ),
        ],
        "quiz": [
            (
                "Where should a youth group start with its city hall?",
                [
                    "With a letter to the whole council",
                    "With a public protest",
                    "With one officer who answers",
                ],
            ),
            (
                "What belongs in a written agreement? Tick every right answer.",
                [
                    "Who does what, and by when",
                    "Who pays for what",
                    "The home addresses of the young people",
                ],
            ),
            (
                "How often should the partners meet, at least?",
                ["Once a year", "Every month", "Only when something goes wrong"],
            ),
        ],
    },
    "fr": {
        "title": "Coopération entre jeunes et municipalités",
        "summary": "Comment les jeunes et les mairies mènent ensemble des projets locaux qui "
        "durent.",
        "lessons": [
            (
                "Pourquoi travailler avec la ville",
                "<p>Une mairie a ce qui manque souvent à un groupe de jeunes : des salles, des "
                "autorisations, des budgets et le pouvoir de faire durer un projet. Les jeunes "
                "apportent ce qui manque à la ville : la confiance du quartier et des idées "
                "neuves.</p><p>Commencez par un agent qui répond, pas par tout le conseil.</p>",
            ),
            (
                "Conclure un accord",
                "<p>Écrivez sur une page qui fait quoi et pour quand, qui paie quoi, et comment "
                "vous vous direz que quelque chose ne va pas.</p><p>Réunissez-vous au moins "
                "chaque mois et partagez ce que vous apprenez avec les autres villes du "
                "réseau.</p>",
            ),
        ],
        "quiz": [
            (
                "Par où un groupe de jeunes doit-il commencer avec sa mairie ?",
                [
                    "Par une lettre à tout le conseil",
                    "Par une manifestation publique",
                    "Par un agent qui répond",
                ],
            ),
            (
                "Que doit contenir un accord écrit ? Cochez toutes les bonnes réponses.",
                [
                    "Qui fait quoi, et pour quand",
                    "Qui paie quoi",
                    "L’adresse personnelle des jeunes",
                ],
            ),
            (
                "À quelle fréquence les partenaires doivent-ils se réunir, au minimum ?",
                ["Une fois par an", "Chaque mois", "Seulement quand quelque chose ne va pas"],
            ),
        ],
    },
    "ar": {
        "title": "التعاون بين الشباب والبلديات",
        "summary": "كيف يعمل الشباب والبلديات معًا على مشاريع محلية تدوم.",
        "lessons": [
            (
                "لماذا نعمل مع البلدية",
                "<p>لدى البلدية ما ينقص مجموعات الشباب غالبًا: القاعات والتصاريح والميزانيات "
                "والقدرة على استمرار المشروع. ويحمل الشباب ما ينقص البلدية: ثقة الحي والأفكار "
                "الجديدة.</p><p>ابدأ بموظف واحد يجيب، لا بالمجلس كله.</p>",
            ),
            (
                "إبرام اتفاق",
                "<p>اكتبوا في صفحة واحدة من يفعل ماذا ومتى، ومن يدفع ماذا، وكيف يُخبر بعضكم بعضًا "
                "إذا تعثّر أمر ما.</p><p>اجتمعوا مرة في الشهر على الأقل، وشاركوا ما تتعلمونه مع "
                "مدن الشبكة الأخرى.</p>",
            ),
        ],
        "quiz": [
            (
                "من أين ينبغي أن تبدأ مجموعة الشباب مع بلديتها؟",
                ["برسالة إلى المجلس كله", "بمظاهرة علنية", "بموظف واحد يجيب"],
            ),
            (
                "ماذا يتضمن الاتفاق المكتوب؟ اختر كل الإجابات الصحيحة.",
                ["من يفعل ماذا ومتى", "من يدفع ماذا", "عناوين سكن الشباب"],
            ),
            (
                "كم مرة ينبغي أن يجتمع الشركاء على الأقل؟",
                ["مرة في السنة", "كل شهر", "فقط عندما يتعثر أمر ما"],
            ),
        ],
    },
}

MODULES = [COUNTER_NARRATIVES, COOPERATION]
