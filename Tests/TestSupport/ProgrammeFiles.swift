/// Import files as analysts would have them: comma and semicolon exports, a BOM, quoted fields with
/// delimiters and line breaks, a wide export with a mapping. The tool's end-to-end tests and the import
/// library's in-process tests read the same files.
public enum ProgrammeFiles {
    /// Two organisations; comma-separated; a name with a comma inside quotes.
    public static let organisations = """
        id,name,kind,sector,size_class,region
        acme,"Acme Metal, Oy",enterprise,metal industry,small,Päijät-Häme
        koti,Kotihoito ry,third-sector,home care,micro,Päijät-Häme

        """

    /// Two competences; Finnish export: `;`, a BOM (added when written), a `;` inside quotes.
    public static let competences = """
        id;name;category;scale_min;scale_max;esco_uri
        excel;Excel;digital skills;1;5;
        lean;"Lean; continuous improvement";production;1;5;\
        http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d

        """

    /// Baseline answers in the long format (3 respondents, 4 answers).
    public static let baseline = """
        respondent,organisation,role,competence,current,target,importance,answered_on
        p1,acme,staff,excel,2,4,5,2024-01-10
        p1,acme,staff,lean,1,3,,2024-01-10
        p2,acme,manager,excel,3,4,4,2024-01-11
        p3,koti,staff,excel,1,3,3,2024-01-12

        """

    /// Follow-up answers of the same persons.
    public static let followUp = """
        respondent,organisation,role,competence,current,target,importance,answered_on
        p1,acme,staff,excel,4,4,5,2024-09-10
        p1,acme,staff,lean,2,3,,2024-09-10
        p2,acme,manager,excel,3,4,4,2024-09-11
        p3,koti,staff,excel,2,3,3,2024-09-12

        """

    /// One training; its title has a line break inside quotes, its cost a decimal comma.
    public static let trainings = """
        id,title,provider,kind,competences,cost_eur,hours,procured_on
        t1,"Excel for
        production planning",Salpaus,joint,excel|lean,"1500,50",12,2024-02-01

        """

    /// Two participations (one completed, one not).
    public static let participation = """
        training,respondent,organisation,attended_hours,completed,completed_on,recorded_on
        t1,p1,acme,12,true,2024-03-01,
        t1,p3,koti,6,false,,2024-02-20

        """

    /// ESF participant data of the baseline's respondents: an age band or a birth year (both when they agree),
    /// two of the optional disadvantage-flag columns, an exit for p1.
    public static let participants = """
        respondent,stage,recorded_on,gender,age_band,birth_year,education,labour_status,disability,rural
        p1,entry,2024-01-10,female,,1990,0-2,unemployed,yes,
        p2,entry,2024-01-11,male,55+,,5-8,employed,,no
        p3,entry,2024-01-12,not-stated,<25,2001,3-4,inactive,no,kyllä
        p1,exit,2024-09-10,female,25-54,,3-4,employed,yes,

        """

    /// A Google Forms style wide export in Finnish: timestamp first ("Aikaleima"), grid columns
    /// `Question [Row]`, answer texts for levels; `;` separated with a BOM.
    public static let wideSurvey = """
        Aikaleima;Vastaajatunnus;Organisaatio;Rooli;Nykyinen osaaminen [Excel];Tavoitetaso [Excel];\
        Nykyinen osaaminen [Lean];Tavoitetaso [Lean]
        10.1.2024 14.22.10;w1;acme;staff;2 perusteet;4 itsenäinen;1 ei osaamista;3 ohjattuna
        11.1.2024 9.05.00;w2;koti;manager;3 ohjattuna;4 itsenäinen;;

        """

    /// The mapping of ``wideSurvey``.
    public static let wideMapping = """
        {
          "respondent": "Vastaajatunnus",
          "organisation": "Organisaatio",
          "role": "Rooli",
          "answered_on": "Aikaleima",
          "competences": [
            {"competence": "excel", "current": "Nykyinen osaaminen [Excel]", "target": "Tavoitetaso [Excel]"},
            {"competence": "lean", "current": "Nykyinen osaaminen [Lean]", "target": "Tavoitetaso [Lean]"}
          ],
          "levels": {"1 ei osaamista": 1, "2 perusteet": 2, "3 ohjattuna": 3, "4 itsenäinen": 4, "5 asiantuntija": 5}
        }
        """

    /// Every file by name, with whether it is written with a byte order mark (the `;` exports are).
    public static let all: [(name: String, text: String, bom: Bool)] = [
        ("organisations.csv", organisations, false),
        ("competences.csv", competences, true),
        ("baseline.csv", baseline, false),
        ("followup.csv", followUp, false),
        ("trainings.csv", trainings, false),
        ("participation.csv", participation, false),
        ("participants.csv", participants, false),
        ("wide.csv", wideSurvey, true),
        ("wide-mapping.json", wideMapping, false),
    ]

    /// Writes every file into `directory`.
    public static func write(into directory: TemporaryDirectory) throws {
        for file in all { try directory.write(file.name, file.text, bom: file.bom) }
    }
}
