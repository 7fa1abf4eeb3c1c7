"""Demo content in the three languages, kept apart from the seeding code that uses it."""

from youthcities.network.cities.models import Region

CITIES = [
    # slug, name, country, region, languages
    ("mombasa", "Mombasa", "KE", Region.EAST_AFRICA, "en,sw"),
    ("saida", "Saida", "LB", Region.MIDDLE_EAST, "ar,fr,en"),
    ("tripoli", "Tripoli", "LB", Region.MIDDLE_EAST, "ar,fr,en"),
    ("majdal-anjar", "Majdal Anjar", "LB", Region.MIDDLE_EAST, "ar"),
    ("zarqa", "Zarqa", "JO", Region.MIDDLE_EAST, "ar,en"),
    ("karak", "Karak", "JO", Region.MIDDLE_EAST, "ar"),
    ("irbid", "Irbid", "JO", Region.MIDDLE_EAST, "ar,en"),
    ("dakar", "Dakar", "SN", Region.WEST_AFRICA, "fr,wo"),
    ("kumanovo", "Kumanovo", "MK", Region.WESTERN_BALKANS, "mk,sq"),
    ("chattanooga", "Chattanooga", "US", Region.NORTH_AMERICA, "en"),
    ("tirana", "Tirana", "AL", Region.WESTERN_BALKANS, "sq,en"),
    ("prishtina", "Prishtina", "XK", Region.WESTERN_BALKANS, "sq,sr"),
    ("tunis", "Tunis", "TN", Region.MIDDLE_EAST, "ar,fr"),
    ("nairobi", "Nairobi", "KE", Region.EAST_AFRICA, "en,sw"),
]

ORGANISATIONS = [
    # name, kind, city slug
    ("Saida Youth Forum", "youth_group", "saida"),
    ("Mombasa Peace Builders", "youth_group", "mombasa"),
    ("Municipality of Zarqa", "municipality", "zarqa"),
    ("Dakar Jeunesse Active", "ngo", "dakar"),
]

HOME = {
    "en": {
        "title": "Young Cities",
        "hero_heading": "Young people and their cities, together against hate",
        "hero_text": (
            "A global network of cities where young people write counter-narrative campaigns, "
            "win innovation grants and sit at the table with the people who run their city."
        ),
        "cta": "How it works",
        "paragraphs": [
            (
                "Campaigns",
                "Youth activists write campaigns that answer hate with stories of their own. "
                "A safeguarding team checks each one before it goes public.",
            ),
            (
                "Innovation grants",
                "Youth groups apply for small grants for local projects. Reviewers score them "
                "fairly, and the money is paid in stages as the project delivers.",
            ),
            (
                "Labs and workshops",
                "In Youth Innovation Labs and Youth Policy Workshops, young people and municipal "
                "leaders work on local policy. Cities answer every recommendation in public.",
            ),
        ],
        "quote": "For the first time, the mayor's office wrote back to us.",
        "quote_by": "A youth activist from Saida",
    },
    "fr": {
        "title": "Young Cities",
        "hero_heading": "Les jeunes et leurs villes, ensemble contre la haine",
        "hero_text": (
            "Un réseau mondial de villes où les jeunes écrivent des campagnes de contre-discours, "
            "obtiennent des subventions d'innovation et siègent à la table de ceux qui dirigent "
            "leur ville."
        ),
        "cta": "Comment ça marche",
        "paragraphs": [
            (
                "Campagnes",
                "Des jeunes militants écrivent des campagnes qui répondent à la haine par leurs "
                "propres récits. Une équipe de protection vérifie chacune avant sa publication.",
            ),
            (
                "Subventions d'innovation",
                "Des groupes de jeunes demandent de petites subventions pour des projets locaux. "
                "Des évaluateurs les notent équitablement, et l'argent est versé par étapes.",
            ),
            (
                "Labs et ateliers",
                "Dans les Labs d'innovation et les Ateliers de politiques publiques, jeunes "
                "et élus municipaux travaillent ensemble. Les villes répondent en public à chaque "
                "recommandation.",
            ),
        ],
        "quote": "Pour la première fois, la mairie nous a répondu.",
        "quote_by": "Une jeune militante de Saïda",
    },
    "ar": {
        "title": "مدن شابة",
        "hero_heading": "الشباب ومدنهم معًا ضد الكراهية",
        "hero_text": (
            "شبكة عالمية من المدن يكتب فيها الشباب حملات لمواجهة خطاب الكراهية، ويحصلون على منح "
            "للابتكار، ويجلسون إلى طاولة واحدة مع من يديرون مدينتهم."
        ),
        "cta": "كيف يعمل البرنامج",
        "paragraphs": [
            (
                "الحملات",
                "يكتب الناشطون الشباب حملات تردّ على الكراهية بقصصهم الخاصة. ويراجع فريق الحماية "
                "كل حملة قبل نشرها.",
            ),
            (
                "منح الابتكار",
                "تتقدّم مجموعات الشباب بطلبات منح صغيرة لمشاريع محلية. يقيّمها المراجعون بإنصاف، "
                "وتُصرف الأموال على دفعات مع تقدّم المشروع.",
            ),
            (
                "المختبرات وورش العمل",
                "في مختبرات الابتكار الشبابي وورش السياسات، يعمل الشباب والمسؤولون البلديون على "
                "السياسات المحلية. وتردّ المدن علنًا على كل توصية.",
            ),
        ],
        "quote": "للمرة الأولى، ردّت علينا البلدية.",
        "quote_by": "ناشطة شابة من صيدا",
    },
}

ABOUT = {
    "en": {
        "title": "How it works",
        "introduction": "Young Cities links young people with the decision makers of their city.",
        "text": (
            "<p>Sign up with an email address and a display name: only the display name is "
            "ever shown in public. If you are younger than the age of digital consent where you "
            "live, a parent or guardian confirms by email before you can take part.</p>"
        ),
    },
    "fr": {
        "title": "Comment ça marche",
        "introduction": "Young Cities relie les jeunes aux décideurs de leur ville.",
        "text": (
            "<p>Inscrivez-vous avec une adresse e-mail et un nom d'affichage : seul ce nom est "
            "montré en public. Si vous n'avez pas l'âge de la majorité numérique dans votre "
            "pays, un parent ou tuteur confirme par e-mail avant que vous puissiez participer.</p>"
        ),
    },
    "ar": {
        "title": "كيف يعمل البرنامج",
        "introduction": "تربط مدن شابة الشباب بصنّاع القرار في مدينتهم.",
        "text": (
            "<p>سجّل باستخدام بريد إلكتروني واسم عرض: لا يظهر للعامة إلا اسم العرض. وإذا كان عمرك "
            "أقل من سن الموافقة الرقمية في بلدك، يؤكد أحد الوالدين أو الوصي موافقته عبر البريد "
            "الإلكتروني قبل أن تتمكن من المشاركة.</p>"
        ),
    },
}

# email, display name, legal name, age, country, city, language, roles
USERS = [
    ("applicant@example.org", "Lina", "Lina Haddad", 22, "LB", "Saida", "ar", ["applicant"]),
    ("minor@example.org", "Sami", "Sami Khalil", 14, "LB", "Tripoli", "ar", ["applicant"]),
    (
        "reviewer@example.org",
        "Amina (reviewer)",
        "Amina Otieno",
        34,
        "KE",
        "Mombasa",
        "en",
        ["reviewer"],
    ),
    (
        "reviewer2@example.org",
        "Marc (reviewer)",
        "Marc Diallo",
        41,
        "SN",
        "Dakar",
        "fr",
        ["reviewer"],
    ),
    (
        "staff@example.org",
        "Programme team",
        "Nora Petrova",
        38,
        "MK",
        "Kumanovo",
        "en",
        ["programme_staff"],
    ),
    ("finance@example.org", "Finance team", "Omar Saleh", 45, "JO", "Zarqa", "en", ["finance"]),
    (
        "finance2@example.org",
        "Finance team 2",
        "Elena Hoxha",
        39,
        "AL",
        "Tirana",
        "en",
        ["finance"],
    ),
    (
        "moderator@example.org",
        "Safeguarding team",
        "Grace Wanjiru",
        36,
        "KE",
        "Mombasa",
        "en",
        ["safeguarding_moderator"],
    ),
    (
        "municipal@example.org",
        "Zarqa municipality",
        "Khaled Mansour",
        50,
        "JO",
        "Zarqa",
        "ar",
        ["municipal_staff"],
    ),
]
MINOR_GUARDIAN_EMAIL = "guardian@example.org"
# Demo only: every privileged demo user has enrolled this authenticator-app secret, so that a
# newcomer can log in as them with any TOTP app (`make run` prints it). Never in production.
DEMO_TOTP_SECRET = "YOUNGCITIESDEMOTOTPSECRETFORDEMO"

RESOURCES = [
    # title, kind, theme, city slug or "", region, language, description
    (
        "Counter-narrative campaign toolkit",
        "toolkit",
        "hate_speech",
        "",
        "",
        "en",
        "Step by step: from a story to a campaign that answers hate online.",
    ),
    (
        "Guide de la participation des jeunes",
        "guide",
        "civic_participation",
        "dakar",
        "",
        "fr",
        "Comment préparer un atelier jeunesse et politiques locales avec la mairie.",
    ),
    (
        "دليل التحقق من الأخبار",
        "guide",
        "media_literacy",
        "",
        "middle_east",
        "ar",
        "كيف تتحقق من صورة أو خبر قبل مشاركته.",
    ),
    (
        "Youth Policy Workshops: what cities committed to",
        "report",
        "civic_participation",
        "",
        "",
        "en",
        "A year of recommendations, answers and commitments across the network.",
    ),
    (
        "Safeguarding young activists online",
        "guide",
        "violent_extremism",
        "",
        "",
        "en",
        "How to protect yourself and your group when you speak up online.",
    ),
    (
        "Rapport : les laboratoires d'innovation au Sénégal",
        "report",
        "inclusion",
        "dakar",
        "",
        "fr",
        "Ce que les jeunes de Dakar ont créé en deux jours.",
    ),
]
