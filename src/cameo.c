/* cameo.c — the CAMEO event code table (see cameo.h).
 *
 * Codes and names: the CAMEO 1.1b3 codebook (Schrodt, Gerner, Yilmaz; "CAMEO Conflict
 * and Mediation Event Observations Event and Actor Codebook", 2012), every cue
 * category and every 3- and 4-digit code, plus three codes that are not in the
 * printed 1.1b3 list but are emitted by dictionaries in use:
 *   1213 Reject judicial cooperation (ICEWS's CAMEO table; PETRARCH's CAMEO.2.0.txt),
 *   1214 Reject intelligence cooperation (the PLOVER CAMEO2PLOVER table),
 *   176  Attack cybernetically (PETRARCH's CAMEO.2.0.txt, the HACK block).
 * Codes of other schemes are not CAMEO and look up as NULL (WEIS "075A", "---").
 *
 * QuadClass: by cue category, 01-05 = 1 verbal cooperation, 06-08 = 2 material
 * cooperation, 09-13 = 3 verbal conflict, 14-20 = 4 material conflict.
 *
 * Goldstein: we follow GDELT's CAMEO.goldsteinscale.txt (the table that the GDELT
 * 1.0/2.0 event files carry), so a sitrep score equals GDELT's for the same code.
 * The CAMEO codebook's own table (as distributed with the ICEWS data, eventtypes
 * "goldstein" column) differs on four codes; our choice is GDELT's in each case:
 *   016 Deny responsibility            codebook -5.0, GDELT -2.0  -> -2.0
 *   022 Appeal for diplomatic coop.    codebook  3.4, GDELT  3.2  ->  3.2
 *   164 Halt negotiations              codebook -6.5, GDELT -7.0  -> -7.0
 *   165 Halt mediation                 codebook -7.0, GDELT -6.5  -> -6.5
 * (164/165 look swapped in one of the two tables; we keep GDELT's so scores stay
 * comparable with GDELT.) Codes missing from GDELT's table: 1213 takes the
 * codebook's -4.0, 1214 its sibling's -4.0, 176 its cue category's -7.0.
 *
 * PLOVER: our reading of the PLOVER manual (Draft 0.8, "CAMEO to PLOVER
 * translation"): 01 and 02 are dropped (NULL); every other code takes the type of
 * its cue category (03 AGREE, 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID, 081-083
 * CONCEDE and 084-087 RETREAT, 09 ACCUSE, 10 REQUEST, 11 ACCUSE, 12 REJECT,
 * 13 THREATEN, 14 PROTEST, 15 MOBILIZE, 16 SANCTION, 17 COERCE, 18-20 ASSAULT),
 * except where the manual's own category definitions place the act elsewhere:
 *   116  Find guilty        -> SANCTION convict   (SANCTION's 'convict' mode)
 *   1712 Destroy property   -> ASSAULT destroy    (ASSAULT's 'destroy' mode)
 *   175  Violent repression -> ASSAULT crowd-control (tear gas, water cannon...)
 *   191  Impose blockade    -> COERCE restrict    (cordoning off, restricting movement)
 *   192  Occupy territory   -> COERCE seize
 * 0813/0814 (ease curfew, emergency) stay CONCEDE with their cue code 081. Modes are
 * taken only from the manual's mode tables (CONSULT visit/phone; RETREAT release,
 * access, ceasefire, withdraw, disarm; REQUEST/REJECT assist, change, yield, meet;
 * ACCUSE investigate, disapprove, allege; THREATEN restrict, relations, expel,
 * violence, territory; PROTEST demo, hunger, strike, obstruct, riot; MOBILIZE
 * police, troops; SANCTION discontinue, withdraw, expel, convict; COERCE seize,
 * restrict, censor, curfew, arrest, deport, cyber; ASSAULT abduct, beat, sexual,
 * torture, explosives, suicide-attack, targeted, firearms, heavy-weapons, aerial,
 * unconventional, destroy, crowd-control); NULL where the CAMEO code does not
 * determine one (residual "not specified below" codes, 044, 085, 087, 128, 139...).
 * 143 "strike or boycott" takes 'strike', the commoner sense in news. The manual's
 * AGREE, SUPPORT, COOPERATE, AID and CONCEDE have no modes.
 *
 * The table must stay sorted by strcmp on the code (tests/unit/test_cameo.c checks). */
#include <string.h>

#include "cameo.h"

static const cameo_info cameo_table[] = {
    /* 01 MAKE PUBLIC STATEMENT: quad 1, verbal cooperation */
    {"01", "MAKE PUBLIC STATEMENT", "01", 1, 0.0, NULL, NULL},
    {"010", "Make statement, not specified below", "01", 1, 0.0, NULL, NULL},
    {"011", "Decline comment", "01", 1, -0.1, NULL, NULL},
    {"012", "Make pessimistic comment", "01", 1, -0.4, NULL, NULL},
    {"013", "Make optimistic comment", "01", 1, 0.4, NULL, NULL},
    {"014", "Consider policy option", "01", 1, 0.0, NULL, NULL},
    {"015", "Acknowledge or claim responsibility", "01", 1, 0.0, NULL, NULL},
    {"016", "Deny responsibility", "01", 1, -2.0, NULL, NULL},
    {"017", "Engage in symbolic act", "01", 1, 0.0, NULL, NULL},
    {"018", "Make empathetic comment", "01", 1, 3.4, NULL, NULL},
    {"019", "Express accord", "01", 1, 3.4, NULL, NULL},
    /* 02 APPEAL: quad 1, verbal cooperation */
    {"02", "APPEAL", "02", 1, 3.0, NULL, NULL},
    {"020", "Make an appeal or request, not specified below", "02", 1, 3.0, NULL, NULL},
    {"021", "Appeal for material cooperation", "02", 1, 3.4, NULL, NULL},
    {"0211", "Appeal for economic cooperation", "02", 1, 3.4, NULL, NULL},
    {"0212", "Appeal for military cooperation", "02", 1, 3.4, NULL, NULL},
    {"0213", "Appeal for judicial cooperation", "02", 1, 3.4, NULL, NULL},
    {"0214", "Appeal for intelligence", "02", 1, 3.4, NULL, NULL},
    {"022", "Appeal for diplomatic cooperation (such as policy support)", "02", 1, 3.2, NULL, NULL},
    {"023", "Appeal for aid", "02", 1, 3.4, NULL, NULL},
    {"0231", "Appeal for economic aid", "02", 1, 3.4, NULL, NULL},
    {"0232", "Appeal for military aid", "02", 1, 3.4, NULL, NULL},
    {"0233", "Appeal for humanitarian aid", "02", 1, 3.4, NULL, NULL},
    {"0234", "Appeal for military protection or peacekeeping", "02", 1, 3.4, NULL, NULL},
    {"024", "Appeal for political reform", "02", 1, -0.3, NULL, NULL},
    {"0241", "Appeal for change in leadership", "02", 1, -0.3, NULL, NULL},
    {"0242", "Appeal for policy change", "02", 1, -0.3, NULL, NULL},
    {"0243", "Appeal for rights", "02", 1, -0.3, NULL, NULL},
    {"0244", "Appeal for change in institutions, regime", "02", 1, -0.3, NULL, NULL},
    {"025", "Appeal to yield", "02", 1, -0.3, NULL, NULL},
    {"0251", "Appeal for easing of administrative sanctions", "02", 1, -0.3, NULL, NULL},
    {"0252", "Appeal for easing of political dissent", "02", 1, -0.3, NULL, NULL},
    {"0253", "Appeal for release of persons or property", "02", 1, -0.3, NULL, NULL},
    {"0254", "Appeal for easing of economic sanctions, boycott, or embargo", "02", 1, -0.3, NULL, NULL},
    {"0255", "Appeal for target to allow international involvement (non-mediation)", "02", 1, -0.3, NULL, NULL},
    {"0256", "Appeal for de-escalation of military engagement", "02", 1, -0.3, NULL, NULL},
    {"026", "Appeal to others to meet or negotiate", "02", 1, 4.0, NULL, NULL},
    {"027", "Appeal to others to settle dispute", "02", 1, 4.0, NULL, NULL},
    {"028", "Appeal to others to engage in or accept mediation", "02", 1, 4.0, NULL, NULL},
    /* 03 EXPRESS INTENT TO COOPERATE: quad 1, verbal cooperation */
    {"03", "EXPRESS INTENT TO COOPERATE", "03", 1, 4.0, "AGREE", NULL},
    {"030", "Express intent to cooperate, not specified below", "03", 1, 4.0, "AGREE", NULL},
    {"031", "Express intent to engage in material cooperation", "03", 1, 5.2, "AGREE", NULL},
    {"0311", "Express intent to cooperate economically", "03", 1, 5.2, "AGREE", NULL},
    {"0312", "Express intent to cooperate militarily", "03", 1, 5.2, "AGREE", NULL},
    {"0313", "Express intent to cooperate on judicial matters", "03", 1, 5.2, "AGREE", NULL},
    {"0314", "Express intent to cooperate on intelligence", "03", 1, 5.2, "AGREE", NULL},
    {"032", "Express intent to engage in diplomatic cooperation (such as policy support)", "03", 1, 4.5, "AGREE", NULL},
    {"033", "Express intent to provide material aid", "03", 1, 5.2, "AGREE", NULL},
    {"0331", "Express intent to provide economic aid", "03", 1, 5.2, "AGREE", NULL},
    {"0332", "Express intent to provide military aid", "03", 1, 5.2, "AGREE", NULL},
    {"0333", "Express intent to provide humanitarian aid", "03", 1, 5.2, "AGREE", NULL},
    {"0334", "Express intent to provide military protection or peacekeeping", "03", 1, 6.0, "AGREE", NULL},
    {"034", "Express intent to institute political reform", "03", 1, 7.0, "AGREE", NULL},
    {"0341", "Express intent to change leadership", "03", 1, 7.0, "AGREE", NULL},
    {"0342", "Express intent to change policy", "03", 1, 7.0, "AGREE", NULL},
    {"0343", "Express intent to provide rights", "03", 1, 7.0, "AGREE", NULL},
    {"0344", "Express intent to change institutions, regime", "03", 1, 7.0, "AGREE", NULL},
    {"035", "Express intent to yield", "03", 1, 7.0, "AGREE", NULL},
    {"0351", "Express intent to ease administrative sanctions", "03", 1, 7.0, "AGREE", NULL},
    {"0352", "Express intent to ease popular dissent", "03", 1, 7.0, "AGREE", NULL},
    {"0353", "Express intent to release persons or property", "03", 1, 7.0, "AGREE", NULL},
    {"0354", "Express intent to ease economic sanctions, boycott, or embargo", "03", 1, 7.0, "AGREE", NULL},
    {"0355", "Express intent to allow international involvement (non-mediation)", "03", 1, 7.0, "AGREE", NULL},
    {"0356", "Express intent to de-escalate military engagement", "03", 1, 7.0, "AGREE", NULL},
    {"036", "Express intent to meet or negotiate", "03", 1, 4.0, "AGREE", NULL},
    {"037", "Express intent to settle dispute", "03", 1, 5.0, "AGREE", NULL},
    {"038", "Express intent to accept mediation", "03", 1, 7.0, "AGREE", NULL},
    {"039", "Express intent to mediate", "03", 1, 5.0, "AGREE", NULL},
    /* 04 CONSULT: quad 1, verbal cooperation */
    {"04", "CONSULT", "04", 1, 1.0, "CONSULT", NULL},
    {"040", "Consult, not specified below", "04", 1, 1.0, "CONSULT", NULL},
    {"041", "Discuss by telephone", "04", 1, 1.0, "CONSULT", "phone"},
    {"042", "Make a visit", "04", 1, 1.9, "CONSULT", "visit"},
    {"043", "Host a visit", "04", 1, 2.8, "CONSULT", "visit"},
    {"044", "Meet at a third location", "04", 1, 2.5, "CONSULT", NULL},
    {"045", "Mediate", "04", 1, 5.0, "CONSULT", NULL},
    {"046", "Engage in negotiation", "04", 1, 7.0, "CONSULT", NULL},
    /* 05 ENGAGE IN DIPLOMATIC COOPERATION: quad 1, verbal cooperation */
    {"05", "ENGAGE IN DIPLOMATIC COOPERATION", "05", 1, 3.5, "SUPPORT", NULL},
    {"050", "Engage in diplomatic cooperation, not specified below", "05", 1, 3.5, "SUPPORT", NULL},
    {"051", "Praise or endorse", "05", 1, 3.4, "SUPPORT", NULL},
    {"052", "Defend verbally", "05", 1, 3.5, "SUPPORT", NULL},
    {"053", "Rally support on behalf of", "05", 1, 3.8, "SUPPORT", NULL},
    {"054", "Grant diplomatic recognition", "05", 1, 6.0, "SUPPORT", NULL},
    {"055", "Apologize", "05", 1, 7.0, "SUPPORT", NULL},
    {"056", "Forgive", "05", 1, 7.0, "SUPPORT", NULL},
    {"057", "Sign formal agreement", "05", 1, 8.0, "SUPPORT", NULL},
    /* 06 ENGAGE IN MATERIAL COOPERATION: quad 2, material cooperation */
    {"06", "ENGAGE IN MATERIAL COOPERATION", "06", 2, 6.0, "COOPERATE", NULL},
    {"060", "Engage in material cooperation, not specified below", "06", 2, 6.0, "COOPERATE", NULL},
    {"061", "Cooperate economically", "06", 2, 6.4, "COOPERATE", NULL},
    {"062", "Cooperate militarily", "06", 2, 7.4, "COOPERATE", NULL},
    {"063", "Engage in judicial cooperation", "06", 2, 7.4, "COOPERATE", NULL},
    {"064", "Share intelligence or information", "06", 2, 7.0, "COOPERATE", NULL},
    /* 07 PROVIDE AID: quad 2, material cooperation */
    {"07", "PROVIDE AID", "07", 2, 7.0, "AID", NULL},
    {"070", "Provide aid, not specified below", "07", 2, 7.0, "AID", NULL},
    {"071", "Provide economic aid", "07", 2, 7.4, "AID", NULL},
    {"072", "Provide military aid", "07", 2, 8.3, "AID", NULL},
    {"073", "Provide humanitarian aid", "07", 2, 7.4, "AID", NULL},
    {"074", "Provide military protection or peacekeeping", "07", 2, 8.5, "AID", NULL},
    {"075", "Grant asylum", "07", 2, 7.0, "AID", NULL},
    /* 08 YIELD: quad 2, material cooperation */
    {"08", "YIELD", "08", 2, 5.0, "CONCEDE", NULL},
    {"080", "Yield, not specified below", "08", 2, 5.0, "CONCEDE", NULL},
    {"081", "Ease administrative sanctions", "08", 2, 5.0, "CONCEDE", NULL},
    {"0811", "Ease restrictions on political freedoms", "08", 2, 5.0, "CONCEDE", NULL},
    {"0812", "Ease ban on political parties or politicians", "08", 2, 5.0, "CONCEDE", NULL},
    {"0813", "Ease curfew", "08", 2, 5.0, "CONCEDE", NULL},
    {"0814", "Ease state of emergency or martial law", "08", 2, 5.0, "CONCEDE", NULL},
    {"082", "Ease political dissent", "08", 2, 5.0, "CONCEDE", NULL},
    {"083", "Accede to requests or demands for political reform", "08", 2, 5.0, "CONCEDE", NULL},
    {"0831", "Accede to demands for change in leadership", "08", 2, 5.0, "CONCEDE", NULL},
    {"0832", "Accede to demands for change in policy", "08", 2, 5.0, "CONCEDE", NULL},
    {"0833", "Accede to demands for rights", "08", 2, 5.0, "CONCEDE", NULL},
    {"0834", "Accede to demands for change in institutions, regime", "08", 2, 5.0, "CONCEDE", NULL},
    {"084", "Return, release", "08", 2, 7.0, "RETREAT", "release"},
    {"0841", "Return, release person(s)", "08", 2, 7.0, "RETREAT", "release"},
    {"0842", "Return, release property", "08", 2, 7.0, "RETREAT", NULL},
    {"085", "Ease economic sanctions, boycott, embargo", "08", 2, 7.0, "RETREAT", NULL},
    {"086", "Allow international involvement", "08", 2, 9.0, "RETREAT", "access"},
    {"0861", "Receive deployment of peacekeepers", "08", 2, 9.0, "RETREAT", "access"},
    {"0862", "Receive inspectors", "08", 2, 9.0, "RETREAT", "access"},
    {"0863", "Allow humanitarian access", "08", 2, 9.0, "RETREAT", "access"},
    {"087", "De-escalate military engagement", "08", 2, 9.0, "RETREAT", NULL},
    {"0871", "Declare truce, ceasefire", "08", 2, 9.0, "RETREAT", "ceasefire"},
    {"0872", "Ease military blockade", "08", 2, 9.0, "RETREAT", "withdraw"},
    {"0873", "Demobilize armed forces", "08", 2, 9.0, "RETREAT", "disarm"},
    {"0874", "Retreat or surrender militarily", "08", 2, 10.0, "RETREAT", "withdraw"},
    /* 09 INVESTIGATE: quad 3, verbal conflict */
    {"09", "INVESTIGATE", "09", 3, -2.0, "ACCUSE", "investigate"},
    {"090", "Investigate, not specified below", "09", 3, -2.0, "ACCUSE", "investigate"},
    {"091", "Investigate crime, corruption", "09", 3, -2.0, "ACCUSE", "investigate"},
    {"092", "Investigate human rights abuses", "09", 3, -2.0, "ACCUSE", "investigate"},
    {"093", "Investigate military action", "09", 3, -2.0, "ACCUSE", "investigate"},
    {"094", "Investigate war crimes", "09", 3, -2.0, "ACCUSE", "investigate"},
    /* 10 DEMAND: quad 3, verbal conflict */
    {"10", "DEMAND", "10", 3, -5.0, "REQUEST", NULL},
    {"100", "Demand, not specified below", "10", 3, -5.0, "REQUEST", NULL},
    {"101", "Demand material cooperation", "10", 3, -5.0, "REQUEST", "assist"},
    {"1011", "Demand economic cooperation", "10", 3, -5.0, "REQUEST", "assist"},
    {"1012", "Demand military cooperation", "10", 3, -5.0, "REQUEST", "assist"},
    {"1013", "Demand judicial cooperation", "10", 3, -5.0, "REQUEST", "assist"},
    {"1014", "Demand intelligence cooperation", "10", 3, -5.0, "REQUEST", "assist"},
    {"102", "Demand diplomatic cooperation (such as policy support)", "10", 3, -5.0, "REQUEST", "assist"},
    {"103", "Demand material aid", "10", 3, -5.0, "REQUEST", "assist"},
    {"1031", "Demand economic aid", "10", 3, -5.0, "REQUEST", "assist"},
    {"1032", "Demand military aid", "10", 3, -5.0, "REQUEST", "assist"},
    {"1033", "Demand humanitarian aid", "10", 3, -5.0, "REQUEST", "assist"},
    {"1034", "Demand military protection or peacekeeping", "10", 3, -5.0, "REQUEST", "assist"},
    {"104", "Demand political reform", "10", 3, -5.0, "REQUEST", "change"},
    {"1041", "Demand change in leadership", "10", 3, -5.0, "REQUEST", "change"},
    {"1042", "Demand policy change", "10", 3, -5.0, "REQUEST", "change"},
    {"1043", "Demand rights", "10", 3, -5.0, "REQUEST", "change"},
    {"1044", "Demand change in institutions, regime", "10", 3, -5.0, "REQUEST", "change"},
    {"105", "Demand that target yields", "10", 3, -5.0, "REQUEST", "yield"},
    {"1051", "Demand easing of administrative sanctions", "10", 3, -5.0, "REQUEST", "yield"},
    {"1052", "Demand easing of political dissent", "10", 3, -5.0, "REQUEST", "yield"},
    {"1053", "Demand release of persons or property", "10", 3, -5.0, "REQUEST", "yield"},
    {"1054", "Demand easing of economic sanctions, boycott, or embargo", "10", 3, -5.0, "REQUEST", "yield"},
    {"1055", "Demand that target allows international involvement (non-mediation)", "10", 3, -5.0, "REQUEST", "yield"},
    {"1056", "Demand de-escalation of military engagement", "10", 3, -5.0, "REQUEST", "yield"},
    {"106", "Demand meeting, negotiation", "10", 3, -5.0, "REQUEST", "meet"},
    {"107", "Demand settling of dispute", "10", 3, -5.0, "REQUEST", "meet"},
    {"108", "Demand mediation", "10", 3, -5.0, "REQUEST", "meet"},
    /* 11 DISAPPROVE: quad 3, verbal conflict */
    {"11", "DISAPPROVE", "11", 3, -2.0, "ACCUSE", "disapprove"},
    {"110", "Disapprove, not specified below", "11", 3, -2.0, "ACCUSE", "disapprove"},
    {"111", "Criticize or denounce", "11", 3, -2.0, "ACCUSE", "disapprove"},
    {"112", "Accuse, not specified below", "11", 3, -2.0, "ACCUSE", "allege"},
    {"1121", "Accuse of crime, corruption", "11", 3, -2.0, "ACCUSE", "allege"},
    {"1122", "Accuse of human rights abuses", "11", 3, -2.0, "ACCUSE", "allege"},
    {"1123", "Accuse of aggression", "11", 3, -2.0, "ACCUSE", "allege"},
    {"1124", "Accuse of war crimes", "11", 3, -2.0, "ACCUSE", "allege"},
    {"1125", "Accuse of espionage, treason", "11", 3, -2.0, "ACCUSE", "allege"},
    {"113", "Rally opposition against", "11", 3, -2.0, "ACCUSE", "disapprove"},
    {"114", "Complain officially", "11", 3, -2.0, "ACCUSE", "disapprove"},
    {"115", "Bring lawsuit against", "11", 3, -2.0, "ACCUSE", "allege"},
    {"116", "Find guilty or liable (legally)", "11", 3, -2.0, "SANCTION", "convict"},
    /* 12 REJECT: quad 3, verbal conflict */
    {"12", "REJECT", "12", 3, -4.0, "REJECT", NULL},
    {"120", "Reject, not specified below", "12", 3, -4.0, "REJECT", NULL},
    {"121", "Reject material cooperation", "12", 3, -4.0, "REJECT", "assist"},
    {"1211", "Reject economic cooperation", "12", 3, -4.0, "REJECT", "assist"},
    {"1212", "Reject military cooperation", "12", 3, -4.0, "REJECT", "assist"},
    {"1213", "Reject judicial cooperation", "12", 3, -4.0, "REJECT", "assist"},
    {"1214", "Reject intelligence cooperation", "12", 3, -4.0, "REJECT", "assist"},
    {"122", "Reject request or demand for material aid", "12", 3, -4.0, "REJECT", "assist"},
    {"1221", "Reject request for economic aid", "12", 3, -4.0, "REJECT", "assist"},
    {"1222", "Reject request for military aid", "12", 3, -4.0, "REJECT", "assist"},
    {"1223", "Reject request for humanitarian aid", "12", 3, -4.0, "REJECT", "assist"},
    {"1224", "Reject request for military protection or peacekeeping", "12", 3, -4.0, "REJECT", "assist"},
    {"123", "Reject request or demand for political reform", "12", 3, -4.0, "REJECT", "change"},
    {"1231", "Reject request for change in leadership", "12", 3, -4.0, "REJECT", "change"},
    {"1232", "Reject request for policy change", "12", 3, -4.0, "REJECT", "change"},
    {"1233", "Reject request for rights", "12", 3, -4.0, "REJECT", "change"},
    {"1234", "Reject request for change in institutions, regime", "12", 3, -4.0, "REJECT", "change"},
    {"124", "Refuse to yield", "12", 3, -4.0, "REJECT", "yield"},
    {"1241", "Refuse to ease administrative sanctions", "12", 3, -4.0, "REJECT", "yield"},
    {"1242", "Refuse to ease popular dissent", "12", 3, -4.0, "REJECT", "yield"},
    {"1243", "Refuse to release persons or property", "12", 3, -4.0, "REJECT", "yield"},
    {"1244", "Refuse to ease economic sanctions, boycott, or embargo", "12", 3, -4.0, "REJECT", "yield"},
    {"1245", "Refuse to allow international involvement (non-mediation)", "12", 3, -4.0, "REJECT", "yield"},
    {"1246", "Refuse to de-escalate military engagement", "12", 3, -4.0, "REJECT", "yield"},
    {"125", "Reject proposal to meet, discuss, or negotiate", "12", 3, -5.0, "REJECT", "meet"},
    {"126", "Reject mediation", "12", 3, -5.0, "REJECT", "meet"},
    {"127", "Reject plan, agreement to settle dispute", "12", 3, -5.0, "REJECT", "meet"},
    {"128", "Defy norms, law", "12", 3, -5.0, "REJECT", NULL},
    {"129", "Veto", "12", 3, -5.0, "REJECT", NULL},
    /* 13 THREATEN: quad 3, verbal conflict */
    {"13", "THREATEN", "13", 3, -6.0, "THREATEN", NULL},
    {"130", "Threaten, not specified below", "13", 3, -4.4, "THREATEN", NULL},
    {"131", "Threaten non-force, not specified below", "13", 3, -5.8, "THREATEN", NULL},
    {"1311", "Threaten to reduce or stop aid", "13", 3, -5.8, "THREATEN", "relations"},
    {"1312", "Threaten with sanctions, boycott, embargo", "13", 3, -5.8, "THREATEN", "restrict"},
    {"1313", "Threaten to reduce or break relations", "13", 3, -5.8, "THREATEN", "relations"},
    {"132", "Threaten with administrative sanctions", "13", 3, -5.8, "THREATEN", "restrict"},
    {"1321", "Threaten with restrictions on political freedoms", "13", 3, -5.8, "THREATEN", "restrict"},
    {"1322", "Threaten to ban political parties or politicians", "13", 3, -5.8, "THREATEN", "restrict"},
    {"1323", "Threaten to impose curfew", "13", 3, -5.8, "THREATEN", "restrict"},
    {"1324", "Threaten to impose state of emergency or martial law", "13", 3, -5.8, "THREATEN", "restrict"},
    {"133", "Threaten with political dissent, protest", "13", 3, -5.8, "THREATEN", NULL},
    {"134", "Threaten to halt negotiations", "13", 3, -5.8, "THREATEN", "relations"},
    {"135", "Threaten to halt mediation", "13", 3, -5.8, "THREATEN", "relations"},
    {"136", "Threaten to halt international involvement (non-mediation)", "13", 3, -7.0, "THREATEN", "expel"},
    {"137", "Threaten with repression", "13", 3, -7.0, "THREATEN", "violence"},
    {"138", "Threaten with military force", "13", 3, -7.0, "THREATEN", "violence"},
    {"1381", "Threaten blockade", "13", 3, -7.0, "THREATEN", "restrict"},
    {"1382", "Threaten occupation", "13", 3, -7.0, "THREATEN", "territory"},
    {"1383", "Threaten unconventional violence", "13", 3, -7.0, "THREATEN", "violence"},
    {"1384", "Threaten conventional attack", "13", 3, -7.0, "THREATEN", "violence"},
    {"1385", "Threaten attack with WMD", "13", 3, -7.0, "THREATEN", "violence"},
    {"139", "Give ultimatum", "13", 3, -7.0, "THREATEN", NULL},
    /* 14 PROTEST: quad 4, material conflict */
    {"14", "PROTEST", "14", 4, -6.5, "PROTEST", NULL},
    {"140", "Engage in political dissent, not specified below", "14", 4, -6.5, "PROTEST", NULL},
    {"141", "Demonstrate or rally", "14", 4, -6.5, "PROTEST", "demo"},
    {"1411", "Demonstrate for leadership change", "14", 4, -6.5, "PROTEST", "demo"},
    {"1412", "Demonstrate for policy change", "14", 4, -6.5, "PROTEST", "demo"},
    {"1413", "Demonstrate for rights", "14", 4, -6.5, "PROTEST", "demo"},
    {"1414", "Demonstrate for change in institutions, regime", "14", 4, -6.5, "PROTEST", "demo"},
    {"142", "Conduct hunger strike", "14", 4, -6.5, "PROTEST", "hunger"},
    {"1421", "Conduct hunger strike for leadership change", "14", 4, -6.5, "PROTEST", "hunger"},
    {"1422", "Conduct hunger strike for policy change", "14", 4, -6.5, "PROTEST", "hunger"},
    {"1423", "Conduct hunger strike for rights", "14", 4, -6.5, "PROTEST", "hunger"},
    {"1424", "Conduct hunger strike for change in institutions, regime", "14", 4, -6.5, "PROTEST", "hunger"},
    {"143", "Conduct strike or boycott", "14", 4, -6.5, "PROTEST", "strike"},
    {"1431", "Conduct strike or boycott for leadership change", "14", 4, -6.5, "PROTEST", "strike"},
    {"1432", "Conduct strike or boycott for policy change", "14", 4, -6.5, "PROTEST", "strike"},
    {"1433", "Conduct strike or boycott for rights", "14", 4, -6.5, "PROTEST", "strike"},
    {"1434", "Conduct strike or boycott for change in institutions, regime", "14", 4, -6.5, "PROTEST", "strike"},
    {"144", "Obstruct passage, block", "14", 4, -7.5, "PROTEST", "obstruct"},
    {"1441", "Obstruct passage to demand leadership change", "14", 4, -7.5, "PROTEST", "obstruct"},
    {"1442", "Obstruct passage to demand policy change", "14", 4, -7.5, "PROTEST", "obstruct"},
    {"1443", "Obstruct passage to demand rights", "14", 4, -7.5, "PROTEST", "obstruct"},
    {"1444", "Obstruct passage to demand change in institutions, regime", "14", 4, -7.5, "PROTEST", "obstruct"},
    {"145", "Protest violently, riot", "14", 4, -7.5, "PROTEST", "riot"},
    {"1451", "Engage in violent protest for leadership change", "14", 4, -7.5, "PROTEST", "riot"},
    {"1452", "Engage in violent protest for policy change", "14", 4, -7.5, "PROTEST", "riot"},
    {"1453", "Engage in violent protest for rights", "14", 4, -7.5, "PROTEST", "riot"},
    {"1454", "Engage in violent protest for change in institutions, regime", "14", 4, -7.5, "PROTEST", "riot"},
    /* 15 EXHIBIT FORCE POSTURE: quad 4, material conflict */
    {"15", "EXHIBIT FORCE POSTURE", "15", 4, -7.2, "MOBILIZE", NULL},
    {"150", "Demonstrate military or police power", "15", 4, -7.2, "MOBILIZE", NULL},
    {"151", "Increase police alert status", "15", 4, -7.2, "MOBILIZE", "police"},
    {"152", "Increase military alert status", "15", 4, -7.2, "MOBILIZE", "troops"},
    {"153", "Mobilize or increase police power", "15", 4, -7.2, "MOBILIZE", "police"},
    {"154", "Mobilize or increase armed forces", "15", 4, -7.2, "MOBILIZE", "troops"},
    /* 16 REDUCE RELATIONS: quad 4, material conflict */
    {"16", "REDUCE RELATIONS", "16", 4, -4.0, "SANCTION", NULL},
    {"160", "Reduce relations, not specified below", "16", 4, -4.0, "SANCTION", NULL},
    {"161", "Reduce or break diplomatic relations", "16", 4, -4.0, "SANCTION", "discontinue"},
    {"162", "Reduce or stop material aid", "16", 4, -5.6, "SANCTION", "discontinue"},
    {"1621", "Reduce or stop economic assistance", "16", 4, -5.6, "SANCTION", "discontinue"},
    {"1622", "Reduce or stop military assistance", "16", 4, -5.6, "SANCTION", "discontinue"},
    {"1623", "Reduce or stop humanitarian assistance", "16", 4, -5.6, "SANCTION", "discontinue"},
    {"163", "Impose embargo, boycott, or sanctions", "16", 4, -8.0, "SANCTION", "discontinue"},
    {"164", "Halt negotiations", "16", 4, -7.0, "SANCTION", "withdraw"},
    {"165", "Halt mediation", "16", 4, -6.5, "SANCTION", "withdraw"},
    {"166", "Expel or withdraw", "16", 4, -7.0, "SANCTION", "expel"},
    {"1661", "Expel or withdraw peacekeepers", "16", 4, -7.0, "SANCTION", "expel"},
    {"1662", "Expel or withdraw inspectors, observers", "16", 4, -7.0, "SANCTION", "expel"},
    {"1663", "Expel or withdraw aid agencies", "16", 4, -7.0, "SANCTION", "expel"},
    /* 17 COERCE: quad 4, material conflict */
    {"17", "COERCE", "17", 4, -7.0, "COERCE", NULL},
    {"170", "Coerce, not specified below", "17", 4, -7.0, "COERCE", NULL},
    {"171", "Seize or damage property", "17", 4, -9.2, "COERCE", "seize"},
    {"1711", "Confiscate property", "17", 4, -9.2, "COERCE", "seize"},
    {"1712", "Destroy property", "17", 4, -9.2, "ASSAULT", "destroy"},
    {"172", "Impose administrative sanctions", "17", 4, -5.0, "COERCE", "restrict"},
    {"1721", "Impose restrictions on political freedoms", "17", 4, -5.0, "COERCE", "censor"},
    {"1722", "Ban political parties or politicians", "17", 4, -5.0, "COERCE", "restrict"},
    {"1723", "Impose curfew", "17", 4, -5.0, "COERCE", "curfew"},
    {"1724", "Impose state of emergency or martial law", "17", 4, -5.0, "COERCE", "restrict"},
    {"173", "Arrest, detain, or charge with legal action", "17", 4, -5.0, "COERCE", "arrest"},
    {"174", "Expel or deport individuals", "17", 4, -5.0, "COERCE", "deport"},
    {"175", "Use tactics of violent repression", "17", 4, -9.0, "ASSAULT", "crowd-control"},
    {"176", "Attack cybernetically", "17", 4, -7.0, "COERCE", "cyber"},
    /* 18 ASSAULT: quad 4, material conflict */
    {"18", "ASSAULT", "18", 4, -9.0, "ASSAULT", NULL},
    {"180", "Use unconventional violence, not specified below", "18", 4, -9.0, "ASSAULT", NULL},
    {"181", "Abduct, hijack, or take hostage", "18", 4, -9.0, "ASSAULT", "abduct"},
    {"182", "Physically assault", "18", 4, -9.5, "ASSAULT", "beat"},
    {"1821", "Sexually assault", "18", 4, -9.0, "ASSAULT", "sexual"},
    {"1822", "Torture", "18", 4, -9.0, "ASSAULT", "torture"},
    {"1823", "Kill by physical assault", "18", 4, -10.0, "ASSAULT", "beat"},
    {"183", "Conduct suicide, car, or other non-military bombing", "18", 4, -10.0, "ASSAULT", "explosives"},
    {"1831", "Carry out suicide bombing", "18", 4, -10.0, "ASSAULT", "suicide-attack"},
    {"1832", "Carry out car bombing", "18", 4, -10.0, "ASSAULT", "explosives"},
    {"1833", "Carry out roadside bombing", "18", 4, -10.0, "ASSAULT", "explosives"},
    {"184", "Use as human shield", "18", 4, -8.0, "ASSAULT", NULL},
    {"185", "Attempt to assassinate", "18", 4, -8.0, "ASSAULT", "targeted"},
    {"186", "Assassinate", "18", 4, -10.0, "ASSAULT", "targeted"},
    /* 19 FIGHT: quad 4, material conflict */
    {"19", "FIGHT", "19", 4, -10.0, "ASSAULT", NULL},
    {"190", "Use conventional military force, not specified below", "19", 4, -10.0, "ASSAULT", NULL},
    {"191", "Impose blockade, restrict movement", "19", 4, -9.5, "COERCE", "restrict"},
    {"192", "Occupy territory", "19", 4, -9.5, "COERCE", "seize"},
    {"193", "Fight with small arms and light weapons", "19", 4, -10.0, "ASSAULT", "firearms"},
    {"194", "Fight with artillery and tanks", "19", 4, -10.0, "ASSAULT", "heavy-weapons"},
    {"195", "Employ aerial weapons", "19", 4, -10.0, "ASSAULT", "aerial"},
    {"196", "Violate ceasefire", "19", 4, -9.5, "ASSAULT", NULL},
    /* 20 USE UNCONVENTIONAL MASS VIOLENCE: quad 4, material conflict */
    {"20", "USE UNCONVENTIONAL MASS VIOLENCE", "20", 4, -10.0, "ASSAULT", NULL},
    {"200", "Use unconventional mass violence, not specified below", "20", 4, -10.0, "ASSAULT", NULL},
    {"201", "Engage in mass expulsion", "20", 4, -9.5, "ASSAULT", NULL},
    {"202", "Engage in mass killings", "20", 4, -10.0, "ASSAULT", "targeted"},
    {"203", "Engage in ethnic cleansing", "20", 4, -10.0, "ASSAULT", NULL},
    {"204", "Use weapons of mass destruction", "20", 4, -10.0, "ASSAULT", "unconventional"},
    {"2041", "Use chemical, biological, or radiological weapons", "20", 4, -10.0, "ASSAULT", "unconventional"},
    {"2042", "Detonate nuclear weapons", "20", 4, -10.0, "ASSAULT", "unconventional"},
};

#define CAMEO_N (sizeof cameo_table / sizeof cameo_table[0])

const cameo_info *cameo_lookup(const char *code)
{
    if (!code || !*code) return NULL;
    size_t lo = 0, hi = CAMEO_N;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(code, cameo_table[mid].code);
        if (c == 0) return &cameo_table[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

size_t cameo_count(void) { return CAMEO_N; }

const cameo_info *cameo_at(size_t i) { return i < CAMEO_N ? &cameo_table[i] : NULL; }
