"""Content of the offline demo sample: every document's text and its answer key.

Written for this project from public facts (2022-2025); the articles, bulletins, board papers and press
notices are NOT copies of real publications, and every quotation is invented. See sample/README.md.

This module is plain data. `build_sample.py` renders the HTML/XML pages, `sample/expected.json`,
`sample/gold.jsonl` and the README table from it; `make_board_pdfs.py` renders the board papers (PDF).

Body blocks: a str is a paragraph; ("h2", text), ("h3", text), ("ul", [items]), ("link", text, path),
("pagebreak",) (PDF only).
Events: E(type, date_or_dates, key, gid, evidence). The first date is the primary one; every date listed
is acceptable. The evidence must occur in the document's text (checked by check_sample.py).
Non-events: N(type, evidence) are statements that look like events but must NOT be extracted
(negated, hypothetical, proposed, or a role merely held).
"""


def E(type_, dates, key, gid, evidence):
    dates = [dates] if isinstance(dates, str) else list(dates)
    return {"type": type_, "dates": dates, "key": key, "gid": gid, "evidence": evidence}


def N(type_, evidence):
    return {"type": type_, "evidence": evidence}


HL = "Healthcare Leader"
MIP = "Management in Practice"
CQC = "Care Quality Commission"
GD = "CQC stakeholder bulletins (GovDelivery)"
GOVUK = "GOV.UK (Department of Health and Social Care)"

PRESS_OFFICE = [
    "For further information please contact the CQC press office on 020 7946 0000 during office hours. "
    "Journalists who need to reach the duty press officer outside office hours can call 07700 900123.",
    "The press office cannot help with individual concerns about a care service. Members of the public "
    "should use the contact details on our website instead.",
    ("h3", "About the Care Quality Commission"),
    "The Care Quality Commission (CQC) regulates health and adult social care services in England. "
    "We check that services give people safe, effective and compassionate care, and we publish what we find.",
]

DOCS = [
    # ------------------------------------------------------------------ Healthcare Leader (6)
    {
        "id": "hl-ics-election",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/cqc-delays-ics-assessments-until-after-general-election/",
        "published": "2024-05-28", "time": "08:30",
        "title": "CQC delays ICS assessments until after general election",
        "author": "Beth Gault",
        "categories": ["News", "Regulation"],
        "summary": "The regulator will not begin assessing integrated care systems until the country has gone to the polls on 4 July.",
        "related": ["hl-dash-full", "hl-ics-paused-again"],
        "body": [
            "The Care Quality Commission (CQC) will not begin assessing integrated care systems (ICSs) before the "
            "country goes to the polls on 4 July.",
            "In a short update published online on Friday (24 May), the regulator said it had agreed with the "
            "Department of Health and Social Care (DHSC) that no ICS assessment activity would take place during the "
            "pre-election period.",
            "Assessments had been due to begin in April, but CQC put them on hold last month after talks with DHSC, "
            "saying only that they would start at a later date.",
            "The CQC was handed the duty to assess ICSs by the Health and Care Act 2022. Its approach was tried out in "
            "two pilot areas, Dorset and Birmingham and Solihull, where inspectors looked at how NHS Dorset ICB and "
            "Birmingham and Solihull ICB were working with councils, trusts and care providers.",
            "The regulator stressed that it had no plans to pause its assessments of how local authorities meet their "
            "adult social care duties, which will carry on as normal through the campaign.",
            "Dr Priya Nandra, clinical director of a primary care network in Solihull, said the repeated delays left "
            "local leaders in limbo. ‘We put a lot of work into the pilot and learned a great deal from it. What "
            "systems need now is a firm start date, so that we can plan around it rather than guessing,’ she said.",
            "The announcement comes in a difficult month for the regulator. Earlier this month, DHSC said it had asked "
            "Dr Penny Dash, chair of NHS North West London Integrated Care Board, to lead a review of how well the CQC "
            "is working.",
            "Dr Dash is expected to look at the CQC's new single assessment framework and the IT systems behind it, "
            "with interim findings due in the summer.",
        ],
        "people": ["Beth Gault", "Priya Nandra", "Penny Dash"],
        "gbp": [],
        "events": [
            E("pause", "2024-05-24", "ICS", "pause:ics-assessments:2024-05",
              "will not begin assessing integrated care systems (ICSs) before the country goes to the polls on 4 July"),
            E("pause", "2024-04", "ICS", "pause:ics-assessments:2024-04",
              "CQC put them on hold last month after talks with DHSC"),
            E("review_commissioned", "2024-05", "Dash", "review_commissioned:dash:cqc-review",
              "Earlier this month, DHSC said it had asked Dr Penny Dash, chair of NHS North West London Integrated Care Board, to lead a review"),
        ],
        "non_events": [
            N("pause", "it had no plans to pause its assessments of how local authorities meet their adult social care duties"),
            N("review_published", "with interim findings due in the summer"),
        ],
    },
    {
        "id": "hl-hartley-appointed",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/cqc-names-nhs-providers-chief-as-new-chief-executive/",
        "published": "2024-10-07", "time": "13:40",
        "title": "CQC names NHS Providers chief as its new chief executive",
        "author": "Anya Ross",
        "categories": ["News", "Leadership"],
        "summary": "The head of the trusts' membership body will move to the regulator in December.",
        "related": ["hl-dash-full", "hl-hartley-steps-down"],
        "body": [
            "Sir Julian Hartley, chief executive of NHS Providers, has been appointed to lead the Care Quality "
            "Commission (CQC), the Department of Health and Social Care (DHSC) announced today.",
            "He will take up the post in December, succeeding Ian Trenholm, who left the regulator at the end of June.",
            "Kate Terroni, the CQC's deputy chief executive, became interim chief executive when Mr Trenholm left and "
            "will remain in post until Sir Julian arrives.",
            "Sir Julian joined NHS Providers, the membership body for NHS trusts, in February 2023. Before that he led "
            "Leeds Teaching Hospitals NHS Trust and held senior posts in NHS organisations across the north of England.",
            "He will leave NHS Providers in the coming weeks, and the organisation said it would set out arrangements "
            "for an interim leader shortly.",
            "Health and social care secretary Wes Streeting said: ‘Julian has a strong record of leading large "
            "organisations through difficult times. The CQC needs that kind of leadership now, and I look forward to "
            "working with him to give patients a regulator they can rely on.’",
            "CQC chair Ian Dilks said the board had been looking for someone who understood the pressures on providers "
            "and could rebuild confidence in the regulator. ‘Julian brings exactly that,’ he said.",
            "The appointment comes ahead of the final report of Dr Penny Dash's review into the operational "
            "effectiveness of the CQC, which is expected later this month. Her interim findings, which pointed to "
            "long waits for inspections and failing IT systems, have already prompted calls for a reset at the regulator.",
        ],
        "people": ["Anya Ross", "Julian Hartley", "Ian Trenholm", "Kate Terroni", "Wes Streeting", "Ian Dilks", "Penny Dash"],
        "gbp": [],
        "events": [
            E("appointment", ["2024-10-07", "2024-12"], "Hartley", "appointment:hartley:cqc-chief-executive",
              "Sir Julian Hartley, chief executive of NHS Providers, has been appointed to lead the Care Quality Commission (CQC)"),
            E("departure", "2024-06", "Trenholm", "departure:trenholm:cqc-chief-executive",
              "succeeding Ian Trenholm, who left the regulator at the end of June"),
            E("appointment", ["2024-06", "2024-07"], "Terroni", "appointment:terroni:interim-chief-executive",
              "Kate Terroni, the CQC's deputy chief executive, became interim chief executive when Mr Trenholm left"),
            E("appointment", "2023-02", "Hartley", "appointment:hartley:nhs-providers-chief-executive",
              "Sir Julian joined NHS Providers, the membership body for NHS trusts, in February 2023"),
            E("departure", "2024", "Hartley", "departure:hartley:nhs-providers-chief-executive",
              "He will leave NHS Providers in the coming weeks"),
            E("review_published", "", "Dash", "review_published:dash:interim",
              "Her interim findings, which pointed to long waits for inspections and failing IT systems"),
        ],
        "non_events": [
            N("appointment", "the organisation said it would set out arrangements for an interim leader shortly"),
            N("review_published", "which is expected later this month"),
        ],
    },
    {
        "id": "hl-dash-full",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/dash-review-calls-for-cqc-overhaul-as-ics-assessments-are-paused/",
        "published": "2024-10-15", "time": "11:05",
        "title": "Dash review calls for CQC overhaul as ICS assessments are paused",
        "author": "Beth Gault",
        "categories": ["News", "Regulation"],
        "summary": "A government-commissioned review says the regulator must be rebuilt, and ICS assessments will not go ahead for six months.",
        "related": ["hl-ics-election", "hl-hartley-appointed", "hl-gill"],
        "body": [
            "A government-commissioned review of the Care Quality Commission (CQC) has concluded that the regulator "
            "needs to be rebuilt, with weaknesses in its IT systems, its assessment framework and its loss of clinical "
            "expertise all contributing to a drop in performance.",
            "The full report by Dr Penny Dash, which DHSC published today, follows her interim findings in July.",
            "It found that many services had gone years without being reassessed, that providers struggled with the "
            "regulator's provider portal, and that the single assessment framework was hard to follow for providers "
            "and the public alike.",
            "Alongside the report, CQC published the initial findings of a separate review it asked Professor Sir Mike "
            "Richards to carry out into the single assessment framework and how it has been put into practice.",
            "The regulator also confirmed that its assessments of integrated care systems (ICSs) would be paused for "
            "six months, in line with one of Dr Dash's recommendations.",
            "CQC interim chief executive Kate Terroni said: ‘These reviews describe problems that providers, the public "
            "and our own staff have been telling us about. We accept the findings in full, and our priority now is to "
            "regain the trust of the people who rely on us.’",
            "Health and social care secretary Wes Streeting said the regulator had to be put right quickly so that "
            "patients and families could once again rely on its ratings.",
            "Dr Dash did not recommend breaking up the CQC. Her report instead sets out steps to restore its "
            "credibility, including rebuilding relationships with providers and bringing senior clinicians back into "
            "its inspection teams.",
            "Gareth Lowe, managing director of a home care company in Devon, said the report would feel familiar to "
            "many providers. ‘We waited more than three years for a re-inspection. It is a relief to see that "
            "acknowledged, but now we need to see the changes happen,’ he said.",
        ],
        "people": ["Beth Gault", "Penny Dash", "Mike Richards", "Kate Terroni", "Wes Streeting", "Gareth Lowe"],
        "gbp": [],
        "events": [
            E("review_published", "2024-10-15", "Dash", "review_published:dash:final",
              "The full report by Dr Penny Dash, which DHSC published today"),
            E("review_published", "2024-07", "Dash", "review_published:dash:interim",
              "follows her interim findings in July"),
            E("review_published", "2024-10-15", "Richards", "review_published:richards:saf-review",
              "Alongside the report, CQC published the initial findings of a separate review it asked Professor Sir Mike Richards to carry out"),
            E("review_commissioned", "", "Richards", "review_commissioned:richards:saf-review",
              "a separate review it asked Professor Sir Mike Richards to carry out into the single assessment framework"),
            E("pause", "2024-10-15", "ICS", "pause:ics-assessments:2024-10",
              "its assessments of integrated care systems (ICSs) would be paused for six months"),
        ],
        "non_events": [
            N("review_commissioned", "A government-commissioned review of the Care Quality Commission (CQC) has concluded"),
            N("abolition", "Dr Dash did not recommend breaking up the CQC"),
            N("appointment", "bringing senior clinicians back into its inspection teams"),
        ],
    },
    {
        "id": "hl-ics-paused-again",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/ics-assessments-on-hold-again-after-dhsc-withdraws-request/",
        "published": "2025-03-27", "time": "10:15",
        "title": "ICS assessments on hold again after DHSC withdraws request",
        "author": "Beth Gault",
        "categories": ["News", "Integrated care"],
        "summary": "Plans for the CQC to assess integrated care systems have been shelved for at least six more months.",
        "related": ["hl-gill", "hl-dash-full", "hl-ics-election"],
        "body": [
            "Plans for the Care Quality Commission (CQC) to assess integrated care systems (ICSs) have been put on hold "
            "for at least another six months after the Department of Health and Social Care (DHSC) dropped its request "
            "for CQC to propose how the work should be done.",
            "The regulator set out the change in an update to its board yesterday (26 March), citing uncertainty "
            "created by the government's decision to fold NHS England into DHSC and to cut the running costs of "
            "integrated care boards (ICBs) by around half.",
            "Prime minister Keir Starmer announced on 13 March that NHS England would be abolished, with its functions "
            "brought back into the department over the next two years.",
            "The CQC was given the job of reviewing ICSs by the Health and Care Act 2022. It developed a methodology and "
            "tested it in pilots in Dorset and in Birmingham and Solihull, but the full programme has never got off the "
            "ground.",
            "Assessments were originally meant to begin in April 2024. They were first delayed that month after "
            "discussions with DHSC, pushed back again in May 2024 because of the general election, and paused for a "
            "further six months in October 2024, following a recommendation in Dr Penny Dash's review of the "
            "regulator, published that month.",
            "In its update, the CQC said it would use the time to concentrate on its four immediate priorities, "
            "including clearing its registration backlog and publishing overdue assessment reports. It added that it "
            "would keep talking to DHSC and revisit its plans once the government's 10-year health plan is published.",
            "The regulator stressed that its legal duty to assess ICSs has not been removed.",
            "One ICB chief executive, who asked not to be named, said: ‘Nobody in our system will be sorry to see this "
            "go on the back burner. With our running costs being halved, there is no capacity to prepare for an "
            "inspection this year.’",
            "The update came on the same day as the publication of an independent review of the CQC's technology by IT "
            "expert Peter Gill, which found that a failed organisational transformation was at the root of the "
            "regulator's IT problems.",
        ],
        "people": ["Beth Gault", "Keir Starmer", "Penny Dash", "Peter Gill"],
        "gbp": [],
        "events": [
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "have been put on hold for at least another six months after the Department of Health and Social Care (DHSC) dropped its request"),
            E("abolition", "2025-03-13", "NHS England", "abolition:nhs-england:2025-03",
              "Prime minister Keir Starmer announced on 13 March that NHS England would be abolished"),
            E("pause", "2024-04", "ICS", "pause:ics-assessments:2024-04",
              "They were first delayed that month after discussions with DHSC"),
            E("pause", "2024-05", "ICS", "pause:ics-assessments:2024-05",
              "pushed back again in May 2024 because of the general election"),
            E("pause", "2024-10", "ICS", "pause:ics-assessments:2024-10",
              "paused for a further six months in October 2024"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "Dr Penny Dash's review of the regulator, published that month"),
            E("review_published", "2025-03", "Gill", "review_published:gill:technology-review",
              "the publication of an independent review of the CQC's technology by IT expert Peter Gill"),
        ],
        "non_events": [
            N("abolition", "its legal duty to assess ICSs has not been removed"),
            N("launch", "once the government's 10-year health plan is published"),
        ],
    },
    {
        "id": "hl-gill",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/failed-transformation-blamed-for-cqc-it-problems/",
        "published": "2025-03-27", "time": "14:20",
        "title": "Failed transformation blamed for CQC IT problems",
        "author": "Anya Ross",
        "categories": ["News", "Digital"],
        "summary": "An independent review found the regulator spent £99m on a programme that delivered few of its promised benefits.",
        "related": ["hl-ics-paused-again", "hl-hartley-appointed"],
        "body": [
            "An independent review of the Care Quality Commission's technology has found that the regulator's IT "
            "failures stemmed from an organisational transformation that went wrong, rather than from the software "
            "alone.",
            "The report, written by IT expert Peter Gill, was published yesterday at the CQC's board meeting. It found "
            "that the CQC had spent £99m on its regulatory transformation programme, covering the regulatory platform "
            "and the provider portal, from July 2019 onwards.",
            "Savings so far amount to £0.3m, against more than £10m that had been planned, and most of the benefits the "
            "programme promised have not materialised, the review said.",
            "Mr Gill concluded that the CQC had tried to change its processes, structure, roles and technology all at "
            "once, and that staff never accepted the new operating model. He found that the regulatory platform, which "
            "went live in 2021, and the provider portal, launched in 2023, could still be saved, but would need "
            "substantial rebuilding.",
            "The review makes 23 recommendations under five headings: culture, governance, operating model, change "
            "management, and data and digital. The CQC board said it accepted all of them.",
            "Chief executive Sir Julian Hartley, who joined the regulator in December, said: ‘This report makes "
            "difficult reading. The way the programme was run let down our staff and the providers we regulate, and I "
            "want to be open about that. We now have a clear plan for fixing the systems we have.’",
            "The CQC said it had no plans to scrap the platform and start again, and would instead rebuild it using its "
            "own staff with some outside help.",
            "Nadia Farouk, who runs two care homes in Somerset, said: ‘For two years the portal has felt like a barrier "
            "between us and the regulator. If this review means it finally gets fixed, that is welcome, but £99m is a "
            "lot of public money to have spent on getting here.’",
        ],
        "people": ["Anya Ross", "Peter Gill", "Julian Hartley", "Nadia Farouk"],
        "gbp": [99000000, 300000, 10000000],
        "events": [
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "The report, written by IT expert Peter Gill, was published yesterday at the CQC's board meeting"),
            E("launch", "2021", "platform", "launch:regulatory-platform",
              "the regulatory platform, which went live in 2021"),
            E("launch", "2023", "portal", "launch:provider-portal",
              "the provider portal, launched in 2023"),
            E("appointment", "2024-12", "Hartley", "appointment:hartley:cqc-chief-executive",
              "Chief executive Sir Julian Hartley, who joined the regulator in December"),
        ],
        "non_events": [
            N("launch", "it had no plans to scrap the platform and start again"),
        ],
    },
    {
        "id": "hl-hartley-steps-down",
        "shape": "healthcare-leader",
        "publisher": HL,
        "path": "/healthcare-leader/news/cqc-chief-executive-steps-down-with-immediate-effect/",
        "published": "2025-10-23", "time": "15:50",
        "title": "CQC chief executive steps down with immediate effect",
        "author": "Beth Gault",
        "categories": ["News", "Leadership"],
        "summary": "The regulator's chief inspector of mental health will lead the organisation on an interim basis.",
        "related": ["hl-hartley-appointed", "hl-gill"],
        "body": [
            "Sir Julian Hartley has left his post at the head of the Care Quality Commission (CQC), effective "
            "immediately, the regulator announced today.",
            "He had been in the post for less than a year, having joined the CQC in December 2024 to lead its recovery "
            "after a period of intense criticism.",
            "Dr Arun Chopra, who became the CQC's first chief inspector of mental health in May, will take over as "
            "interim chief executive.",
            "CQC chair Professor Sir Mike Richards, who took over from Ian Dilks earlier this year, thanked Sir Julian "
            "for his work. ‘Julian arrived at an extremely difficult time and has helped the organisation face up to "
            "its problems. The board is confident that Arun will provide steady leadership while we plan for the "
            "future,’ he said.",
            "No reason was given for the timing of the announcement. In a message to staff, Sir Julian said it had been "
            "a privilege to lead the CQC and that he believed the regulator was now on a firmer footing.",
            "The regulator said the change would not delay its consultation on how it assesses and rates providers, and "
            "that inspections would continue as planned.",
            "The CQC has been under pressure since Dr Penny Dash's review of its operational effectiveness was "
            "published in October 2024. In July this year the government published a second review by Dr Dash, "
            "examining the wider patient safety landscape, which set out further changes for the regulator.",
            "A permanent chief executive is expected to be recruited next year.",
        ],
        "people": ["Beth Gault", "Julian Hartley", "Arun Chopra", "Mike Richards", "Ian Dilks", "Penny Dash"],
        "gbp": [],
        "events": [
            E("departure", "2025-10-23", "Hartley", "departure:hartley:cqc-chief-executive",
              "Sir Julian Hartley has left his post at the head of the Care Quality Commission (CQC), effective immediately"),
            E("appointment", "2024-12", "Hartley", "appointment:hartley:cqc-chief-executive",
              "having joined the CQC in December 2024"),
            E("appointment", "2025-10", "Chopra", "appointment:chopra:interim-chief-executive",
              "will take over as interim chief executive"),
            E("appointment", "2025-05", "Chopra", "appointment:chopra:chief-inspector-mental-health",
              "Dr Arun Chopra, who became the CQC's first chief inspector of mental health in May"),
            E("appointment", "2025", "Richards", "appointment:richards:cqc-chair",
              "Professor Sir Mike Richards, who took over from Ian Dilks earlier this year"),
            E("departure", "2025", "Dilks", "departure:dilks:cqc-chair",
              "who took over from Ian Dilks earlier this year"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "Dr Penny Dash's review of its operational effectiveness was published in October 2024"),
            E("review_published", "2025-07", "Dash", "review_published:dash:patient-safety",
              "In July this year the government published a second review by Dr Dash"),
        ],
        "non_events": [
            N("pause", "the change would not delay its consultation on how it assesses and rates providers"),
            N("appointment", "A permanent chief executive is expected to be recruited next year"),
        ],
    },
    # ------------------------------------------------------------------ Management in Practice (4)
    {
        "id": "mip-dash-interim",
        "shape": "management-in-practice",
        "publisher": MIP,
        "path": "/management-in-practice/news/interim-review-finds-out-of-date-ratings-at-cqc",
        "published": "2024-07-29", "time": "09:10",
        "title": "Interim review finds out-of-date ratings at CQC",
        "author": "Julie Griffiths",
        "categories": ["News", "CQC"],
        "summary": "Early findings from the government's review of the regulator point to ageing ratings and poor IT.",
        "related": ["mip-portal", "mip-chair"],
        "body": [
            "Around one in five health and care services in England has never been rated by the Care Quality "
            "Commission (CQC), according to the interim findings of a government review of the regulator.",
            "The findings, published on Friday by Dr Penny Dash, chair of NHS North West London Integrated Care Board, "
            "also point to long gaps between inspections of GP practices, with some ratings several years old.",
            "Ministers asked Dr Dash to examine the regulator's operational effectiveness in May. Her interim report "
            "highlights poor IT systems, a loss of specialist expertise among inspectors, and a lack of clarity about "
            "how the new single assessment framework reaches its judgements.",
            "Her final report is expected in the autumn.",
            "The review comes weeks after chief executive Ian Trenholm left the CQC at the end of June. The regulator is "
            "being led on an interim basis by Kate Terroni, who was previously its chief inspector of adult social care.",
            "Ms Terroni said: ‘We have already started work on many of the issues Dr Dash raises, but we recognise we "
            "need to go further and faster. Practices should not have to wait years to have their improvements "
            "recognised.’",
            "Lorraine Pike, practice manager at a four-partner surgery in Kent, said: ‘Our rating dates from 2016 and "
            "says nothing about how we work now. Patients look at it, and it is frustrating that we cannot get it "
            "updated.’",
            "The CQC's annual budget is around £250m, most of which comes from the fees paid by the providers it "
            "regulates.",
        ],
        "people": ["Julie Griffiths", "Penny Dash", "Ian Trenholm", "Kate Terroni", "Lorraine Pike"],
        "gbp": [250000000],
        "events": [
            E("review_published", "2024-07-26", "Dash", "review_published:dash:interim",
              "The findings, published on Friday by Dr Penny Dash"),
            E("review_commissioned", "2024-05", "Dash", "review_commissioned:dash:cqc-review",
              "Ministers asked Dr Dash to examine the regulator's operational effectiveness in May"),
            E("departure", "2024-06", "Trenholm", "departure:trenholm:cqc-chief-executive",
              "chief executive Ian Trenholm left the CQC at the end of June"),
        ],
        "non_events": [
            N("review_published", "Her final report is expected in the autumn"),
            N("appointment", "being led on an interim basis by Kate Terroni, who was previously its chief inspector of adult social care"),
        ],
    },
    {
        "id": "mip-portal",
        "shape": "management-in-practice",
        "publisher": MIP,
        "path": "/management-in-practice/news/cqc-to-stop-taking-registration-applications-via-its-portal",
        "published": "2024-11-07", "time": "12:25",
        "title": "CQC to stop taking registration applications via its portal",
        "author": "Julie Griffiths",
        "categories": ["News", "CQC"],
        "summary": "Providers and managers will have to use online forms instead of the provider portal from 18 November.",
        "related": ["mip-dash-interim", "mip-gill"],
        "body": [
            "The Care Quality Commission (CQC) will no longer accept registration applications from would-be providers "
            "and managers through its online provider portal after 18 November.",
            "The regulator announced the change yesterday, saying applicants should use new online forms on its "
            "website instead, which will be available from 18 November.",
            "It said the move was intended to make registration simpler and to help it clear a backlog of applications "
            "that has been holding up new services.",
            "Applications already submitted through the portal will carry on being processed and will not have to be "
            "resubmitted. Providers can still use the portal to send statutory notifications, which are not affected "
            "by the change.",
            "Dev Mistry, managing director of a group of dental practices in Leicestershire, said the change was "
            "overdue. ‘We have had applications sitting in the portal for months with no way of telling where they "
            "were. If the forms are quicker, that can only help,’ he said.",
            "The announcement comes a month before Sir Julian Hartley takes over as the CQC's chief executive. He was "
            "appointed in October following a period of turmoil at the regulator.",
            "Dr Penny Dash's review of the regulator, published last month, said the provider portal had caused "
            "significant problems for users, including difficulties uploading documents and resetting passwords.",
            "Registration has been one of the biggest sources of frustration for providers, and the CQC has said "
            "clearing the backlog is one of its top priorities.",
        ],
        "people": ["Julie Griffiths", "Dev Mistry", "Julian Hartley", "Penny Dash"],
        "gbp": [],
        "events": [
            E("pause", ["2024-11-18", "2024-11-06"], "portal", "pause:portal-registrations:2024-11",
              "will no longer accept registration applications from would-be providers and managers through its online provider portal after 18 November"),
            E("launch", "2024-11-18", "forms", "launch:registration-online-forms",
              "new online forms on its website instead, which will be available from 18 November"),
            E("appointment", ["2024-10", "2024-12"], "Hartley", "appointment:hartley:cqc-chief-executive",
              "Sir Julian Hartley takes over as the CQC's chief executive. He was appointed in October"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "Dr Penny Dash's review of the regulator, published last month"),
        ],
        "non_events": [
            N("pause", "Applications already submitted through the portal will carry on being processed"),
            N("pause", "statutory notifications, which are not affected by the change"),
        ],
    },
    {
        "id": "mip-chair",
        "shape": "management-in-practice",
        "publisher": MIP,
        "path": "/management-in-practice/news/former-chief-inspector-named-preferred-candidate-for-cqc-chair",
        "published": "2025-02-27", "time": "10:45",
        "title": "Former chief inspector named preferred candidate for CQC chair",
        "author": "Julie Griffiths",
        "categories": ["News", "CQC"],
        "summary": "The health secretary has picked the regulator's first chief inspector of hospitals to chair it.",
        "related": ["mip-gill", "mip-portal"],
        "body": [
            "Professor Sir Mike Richards has been named as the government's preferred candidate to chair the Care "
            "Quality Commission (CQC).",
            "Health and social care secretary Wes Streeting announced his choice yesterday. Sir Mike will now appear "
            "before the Health and Social Care Committee for a pre-appointment hearing before the appointment can be "
            "confirmed.",
            "If confirmed, he will take over from Ian Dilks, who has chaired the regulator through one of the most "
            "turbulent periods in its history.",
            "Sir Mike knows the organisation well. He was the CQC's first chief inspector of hospitals, a post he held "
            "from 2013 to 2017, and last year he was asked by the regulator to review its single assessment framework.",
            "The initial findings of that review, published in October alongside Dr Penny Dash's report on the "
            "regulator, found that the framework was poorly understood and that many providers did not trust the way "
            "it was used to reach ratings.",
            "Mr Streeting said: ‘Mike has spent his career improving the care patients receive. He understands what "
            "good regulation looks like, and I am confident he will help turn the CQC around.’",
            "The announcement follows a series of changes to the CQC's senior team. Professor Aidan Fowler became "
            "interim chief inspector of healthcare on Monday, while Chris Dzikiti, who had been covering that role, "
            "has moved to become interim executive director of operations.",
            "Practice managers will be hoping the new leadership can deliver quicker and fairer assessments. ‘What we "
            "want is a regulator that turns up, does a proper job and tells us clearly where we stand,’ said Owen Tate, "
            "a practice business manager in Surrey.",
        ],
        "people": ["Julie Griffiths", "Mike Richards", "Wes Streeting", "Ian Dilks", "Penny Dash", "Aidan Fowler",
                   "Chris Dzikiti", "Owen Tate"],
        "gbp": [],
        "events": [
            E("appointment", "2025-02-26", "Richards", "appointment:richards:cqc-chair",
              "Professor Sir Mike Richards has been named as the government's preferred candidate to chair the Care Quality Commission (CQC)"),
            E("appointment", "2013", "Richards", "appointment:richards:chief-inspector-hospitals",
              "He was the CQC's first chief inspector of hospitals, a post he held from 2013 to 2017"),
            E("departure", "2017", "Richards", "departure:richards:chief-inspector-hospitals",
              "a post he held from 2013 to 2017"),
            E("review_commissioned", "2024", "Richards", "review_commissioned:richards:saf-review",
              "last year he was asked by the regulator to review its single assessment framework"),
            E("review_published", "2024-10", "Richards", "review_published:richards:saf-review",
              "The initial findings of that review, published in October"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "published in October alongside Dr Penny Dash's report on the regulator"),
            E("appointment", "2025-02-24", "Fowler", "appointment:fowler:interim-chief-inspector-healthcare",
              "Professor Aidan Fowler became interim chief inspector of healthcare on Monday"),
            E("appointment", "2025-02", "Dzikiti", "appointment:dzikiti:interim-executive-director-operations",
              "Chris Dzikiti, who had been covering that role, has moved to become interim executive director of operations"),
        ],
        "non_events": [
            N("departure", "If confirmed, he will take over from Ian Dilks"),
        ],
    },
    {
        "id": "mip-gill",
        "shape": "management-in-practice",
        "publisher": MIP,
        "path": "/management-in-practice/news/it-review-lays-bare-cost-of-cqc-transformation",
        "published": "2025-03-28", "time": "08:55",
        "title": "IT review lays bare cost of CQC transformation",
        "author": "Julie Griffiths",
        "categories": ["News", "CQC", "Digital"],
        "summary": "An independent review says the regulator's transformation programme delivered only a fraction of its benefits.",
        "related": ["mip-portal", "mip-chair"],
        "body": [
            "The Care Quality Commission (CQC) spent £99 million on a transformation programme that has so far "
            "delivered only a fraction of its promised benefits, an independent review has found.",
            "The review of the regulator's technology, carried out by IT expert Peter Gill, was presented to the CQC "
            "board on Wednesday and published the same day.",
            "It found that savings to date stood at £0.3M, compared with a plan of more than £10M, and that fewer than "
            "a third of the programme's expected deliverables had been signed off.",
            "Mr Gill said the underlying cause was a failed attempt to change the whole organisation, rather than a "
            "failure of technology alone. He recommended keeping the existing Microsoft Dynamics platform and "
            "rebuilding it, rather than starting again with a new system.",
            "CQC chief executive Sir Julian Hartley said the programme had been handled in a way that fell far short of "
            "what staff and providers were entitled to expect, and that the regulator accepted all 23 recommendations.",
            "For practices, the most visible effects have been on registration and on the time it takes to get a "
            "rating updated. The CQC stopped accepting registration applications through its provider portal in "
            "November, and says it is now working through the backlog.",
            "In the same week, the regulator confirmed that its assessments of integrated care systems (ICSs) "
            "would be on hold for at least six months, after the government stopped asking it for a proposal, following the "
            "decision earlier this month to abolish NHS England.",
            "There was better news on staffing. Dr Arun Chopra will join the CQC from May as its first chief inspector "
            "of mental health.",
            "Sue Harland, managing partner at a practice in the Black Country, said: ‘We were told the new system "
            "would make things easier. Instead we spent hours trying to upload documents. It is galling to find out "
            "how much it cost.’",
        ],
        "people": ["Julie Griffiths", "Peter Gill", "Julian Hartley", "Arun Chopra", "Sue Harland"],
        "gbp": [99000000, 300000, 10000000],
        "events": [
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "was presented to the CQC board on Wednesday and published the same day"),
            E("pause", "2024-11", "portal", "pause:portal-registrations:2024-11",
              "The CQC stopped accepting registration applications through its provider portal in November"),
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "its assessments of integrated care systems (ICSs) would be on hold for at least six months"),
            E("abolition", "2025-03", "NHS England", "abolition:nhs-england:2025-03",
              "the decision earlier this month to abolish NHS England"),
            E("appointment", "2025-05", "Chopra", "appointment:chopra:chief-inspector-mental-health",
              "Dr Arun Chopra will join the CQC from May as its first chief inspector of mental health"),
        ],
        "non_events": [],
    },
    # ------------------------------------------------------------------ CQC website (7)
    {
        "id": "cqc-trenholm",
        "shape": "cqc",
        "kind": "press-release",
        "publisher": CQC,
        "path": "/cqc/press-release/chief-executive-ian-trenholm-to-leave-cqc",
        "published": "2024-06-25", "updated": "2024-06-25", "time": "16:00", "meta_time": False,
        "title": "Chief executive Ian Trenholm to leave CQC",
        "categories": ["Corporate", "Leadership"],
        "summary": "Ian Trenholm will step down at the end of June, with Kate Terroni leading CQC on an interim basis.",
        "body": [
            "Ian Trenholm, chief executive of the Care Quality Commission (CQC), has announced that he will leave "
            "the organisation at the end of June.",
            "Ian joined CQC as chief executive in 2018. During his time at the regulator he led its response to the "
            "COVID-19 pandemic and oversaw the development of a new approach to assessing the quality of care.",
            "Kate Terroni, deputy chief executive, will become interim chief executive when Ian leaves. Kate has held "
            "senior roles at CQC for several years, including chief inspector of adult social care.",
            "Ian Dilks, chair of CQC, said: “On behalf of the board I want to thank Ian for his commitment to CQC over "
            "the past six years. He has led the organisation through some very demanding times, and we wish him well "
            "for the future. I am pleased that Kate has agreed to lead CQC while we look for a permanent successor.”",
            "Ian Trenholm said: “It has been a privilege to lead CQC and to work alongside so many people who care "
            "deeply about the quality of health and social care. I have decided that this is the right moment for me "
            "to move on and for someone new to take the organisation forward.”",
            "The board will begin recruiting a permanent chief executive shortly.",
            "Ends",
        ] + PRESS_OFFICE,
        "people": ["Ian Trenholm", "Kate Terroni", "Ian Dilks"],
        "gbp": [],
        "events": [
            E("departure", "2024-06", "Trenholm", "departure:trenholm:cqc-chief-executive",
              "has announced that he will leave the organisation at the end of June"),
            E("appointment", "2018", "Trenholm", "appointment:trenholm:cqc-chief-executive",
              "Ian joined CQC as chief executive in 2018"),
            E("appointment", ["2024-06", "2024-07"], "Terroni", "appointment:terroni:interim-chief-executive",
              "Kate Terroni, deputy chief executive, will become interim chief executive when Ian leaves"),
        ],
        "non_events": [
            N("appointment", "The board will begin recruiting a permanent chief executive shortly"),
            N("appointment", "including chief inspector of adult social care"),
        ],
    },
    {
        "id": "cqc-dash-response",
        "shape": "cqc",
        "kind": "news",
        "publisher": CQC,
        "path": "/cqc/news/our-response-to-the-independent-reviews-of-cqc",
        "published": "2024-10-15", "updated": "2024-10-15", "time": "09:00", "meta_time": True,
        "title": "Our response to the independent reviews of CQC",
        "categories": ["Corporate", "Our strategy"],
        "summary": "We accept the findings of the reviews by Dr Penny Dash and Professor Sir Mike Richards.",
        "body": [
            "Today the Department of Health and Social Care has published the full report of Dr Penny Dash's "
            "independent review of our operational effectiveness. We have also published the initial findings of "
            "Professor Sir Mike Richards' review of our single assessment framework and how we have implemented it.",
            "Both reports are clear that we have not been performing as we should. They describe problems with our IT "
            "systems, the loss of sector expertise from our inspection teams, long waits for assessments and a lack "
            "of clarity about how we reach ratings. We accept the findings of both reviews.",
            ("h2", "What we are doing now"),
            "Our immediate priorities are:",
            ("ul", [
                "rebuilding our relationships with providers and restoring confidence in our judgements",
                "fixing the regulatory platform and provider portal so that they work for the people who use them",
                "making it clearer how we reach ratings, including how we use scores",
                "increasing the number of assessments we complete each month",
            ]),
            ("h2", "Integrated care systems"),
            "Dr Dash recommended that we pause our work to assess integrated care systems (ICSs) for six months. We "
            "have agreed with DHSC that this work will now be paused, so that we can concentrate on our core role of "
            "assessing providers.",
            "This does not mean we are stopping inspections where we have concerns about the safety of care. We will "
            "continue to act on information of concern and to inspect services where people may be at risk.",
            ("h2", "What our leaders say"),
            "Kate Terroni, interim chief executive, said: “Providers and the public deserve a regulator they can "
            "trust. These reports set out in detail where we have fallen short, and we are determined to put things "
            "right. Some changes will take time, but we will keep people informed at every stage.”",
            "Ian Dilks, chair, said: “The board accepts that CQC must change. We welcome the clarity both reviews "
            "bring, and we will hold the executive team to account for delivering the improvements needed.”",
            "Professor Sir Mike Richards will continue his review over the coming months, looking in more detail at "
            "how the framework works for different types of services.",
        ],
        "people": ["Penny Dash", "Mike Richards", "Kate Terroni", "Ian Dilks"],
        "gbp": [],
        "events": [
            E("review_published", "2024-10-15", "Dash", "review_published:dash:final",
              "Today the Department of Health and Social Care has published the full report of Dr Penny Dash's independent review"),
            E("review_published", "2024-10-15", "Richards", "review_published:richards:saf-review",
              "We have also published the initial findings of Professor Sir Mike Richards' review"),
            E("pause", "2024-10-15", "ICS", "pause:ics-assessments:2024-10",
              "We have agreed with DHSC that this work will now be paused"),
        ],
        "non_events": [
            N("pause", "This does not mean we are stopping inspections where we have concerns about the safety of care"),
        ],
    },
    {
        "id": "cqc-registration",
        "shape": "cqc",
        "kind": "news",
        "publisher": CQC,
        "path": "/cqc/news/changes-to-how-you-apply-for-registration",
        "published": "2024-11-06", "updated": "2024-11-18", "time": "10:30", "meta_time": False,
        "title": "Changes to how you apply for registration",
        "categories": ["Registration"],
        "summary": "From 18 November 2024, registration applications will be made through online forms instead of the provider portal.",
        "body": [
            "We are changing the way providers and managers apply to register with us. From 18 November 2024, we will "
            "no longer accept registration applications submitted through the provider portal.",
            "Instead, applications should be made using new online forms on our website, which will be available from "
            "18 November 2024. The forms will guide you through each stage and tell you which supporting documents "
            "you need to send.",
            ("h2", "If you have already applied"),
            "Applications that you have already submitted through the portal will continue to be processed. You do "
            "not need to send them again, and they will not be put on hold.",
            ("h2", "What is not changing"),
            "You can continue to use the provider portal for statutory notifications and to keep your details up to "
            "date. The fees you pay for registration are not changing.",
            ("h2", "Why we are making this change"),
            "Providers have told us that applying through the portal can be slow and confusing. Moving to online forms "
            "will make the process simpler and help us reduce the number of applications waiting to be assessed, "
            "which is one of our main priorities.",
            "Before you apply, check that you have:",
            ("ul", [
                "the details of the person who will be your registered manager",
                "a statement of purpose for the service",
                "evidence of a Disclosure and Barring Service check for each applicant",
            ]),
        ],
        "people": [],
        "gbp": [],
        "events": [
            E("pause", "2024-11-18", "portal", "pause:portal-registrations:2024-11",
              "From 18 November 2024, we will no longer accept registration applications submitted through the provider portal"),
            E("launch", "2024-11-18", "forms", "launch:registration-online-forms",
              "new online forms on our website, which will be available from 18 November 2024"),
        ],
        "non_events": [
            N("pause", "they will not be put on hold"),
        ],
    },
    {
        "id": "cqc-leadership",
        "shape": "cqc",
        "kind": "news",
        "publisher": CQC,
        "path": "/cqc/news/changes-to-our-senior-leadership-team",
        "published": "2025-02-20", "updated": "2025-02-20", "time": "12:00", "meta_time": False,
        "title": "Changes to our senior leadership team",
        "categories": ["Corporate"],
        "summary": "Professor Aidan Fowler joins as interim Chief Inspector of Healthcare and Chris Dzikiti moves to a new role.",
        "body": [
            "We are making several changes to our senior leadership team as we continue to rebuild CQC and improve "
            "how we regulate.",
            "Professor Aidan Fowler will join us next week as interim Chief Inspector of Healthcare. Aidan "
            "is a consultant surgeon and was previously the NHS's national director of patient safety.",
            "Chris Dzikiti, who has been interim Chief Inspector of Healthcare since last year, will become interim "
            "Executive Director of Operations on the same day. In this role he will oversee our operational teams "
            "as we work to complete more assessments each month.",
            "Sir Julian Hartley, Chief Executive, said: “Aidan brings a deep understanding of patient safety and of how "
            "hospitals work, and I am delighted he is joining us. I am also grateful to Chris for the way he has led "
            "our healthcare inspection teams over recent months, and I know he will bring the same commitment to his "
            "new role.”",
            "We will set out further changes to our leadership structure, including chief inspector roles for mental "
            "health and for adult social care, in the coming weeks.",
            "We have no plans to change our inspection programme as a result of these appointments, and planned "
            "assessments will go ahead as scheduled.",
        ],
        "people": ["Aidan Fowler", "Chris Dzikiti", "Julian Hartley"],
        "gbp": [],
        "events": [
            E("appointment", "2025-02", "Fowler", "appointment:fowler:interim-chief-inspector-healthcare",
              "Professor Aidan Fowler will join us next week as interim Chief Inspector of Healthcare"),
            E("appointment", "2025-02", "Dzikiti", "appointment:dzikiti:interim-executive-director-operations",
              "will become interim Executive Director of Operations on the same day"),
            E("appointment", "2024", "Dzikiti", "appointment:dzikiti:interim-chief-inspector-healthcare",
              "Chris Dzikiti, who has been interim Chief Inspector of Healthcare since last year"),
        ],
        "non_events": [
            N("appointment", "We will set out further changes to our leadership structure"),
            N("appointment", "was previously the NHS's national director of patient safety"),
            N("pause", "We have no plans to change our inspection programme"),
        ],
    },
    {
        "id": "cqc-gill",
        "shape": "cqc",
        "kind": "press-release",
        "publisher": CQC,
        "path": "/cqc/press-release/independent-review-of-cqc-technology-published",
        "published": "2025-03-26", "updated": "2025-03-26", "time": "11:30", "meta_time": True,
        "title": "Independent review of CQC technology published",
        "categories": ["Corporate", "Digital"],
        "summary": "A review by Peter Gill finds that a failed organisational transformation lay behind our technology problems.",
        "body": [
            "An independent review of the technology behind CQC's transformation programme has been published today "
            "at our public Board meeting.",
            "Peter Gill, an IT specialist from outside CQC, carried out the review. He looked at how the regulatory "
            "platform and provider portal came to cause such disruption for our staff and for providers, and whether "
            "the systems could be made to work.",
            "The report concludes that the main reason the technology failed was that the wider organisational "
            "transformation failed. Changes to processes, structures, roles and systems were attempted at the same "
            "time, without the governance and standards needed to manage them.",
            ("h2", "Key findings"),
            ("ul", [
                "The transformation programme, covering the regulatory platform and the provider portal, cost "
                "£99 million between July 2019 and the time of the review.",
                "Savings achieved so far are £0.3 million, against more than £10 million that had been planned.",
                "Under 30% of the deliverables the programme expected have been formally approved.",
                "Some parts of the platform, particularly those used by our customer contact teams, are working well.",
            ]),
            "The review makes 23 recommendations, grouped into five areas: culture, governance, operating model, "
            "change management, and data and digital. The Board has accepted all of them.",
            "Sir Julian Hartley, Chief Executive, said: “We needed an honest account of what went wrong, and this "
            "review gives us one. It makes for uncomfortable reading. Our staff and the providers we regulate were let "
            "down by the way this programme was run, and I am sorry for that. We now have a clear route to rebuilding "
            "systems that work.”",
            "Ian Dilks, Chair, said: “The Board takes these findings extremely seriously. We will oversee the work to "
            "put the recommendations in place and report on progress in public.”",
            "The review does not recommend replacing the regulatory platform. It concludes that the platform and "
            "portal can be saved, but that they will need substantial development, led by CQC staff with some "
            "specialist support.",
            ("link", "Board papers for 26 March 2025", "/cqc/about-us/how-we-are-run/board-meetings"),
            "Ends",
        ] + PRESS_OFFICE,
        "people": ["Peter Gill", "Julian Hartley", "Ian Dilks"],
        "gbp": [99000000, 300000, 10000000],
        "events": [
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "An independent review of the technology behind CQC's transformation programme has been published today"),
        ],
        "non_events": [
            N("launch", "The review does not recommend replacing the regulatory platform"),
        ],
    },
    {
        "id": "cqc-ics-update",
        "shape": "cqc",
        "kind": "news",
        "publisher": CQC,
        "path": "/cqc/news/ics-assessments-what-happens-next",
        "published": "2025-03-26", "updated": "2025-03-27", "time": "11:45", "meta_time": False,
        "title": "ICS assessments: what happens next",
        "categories": ["Integrated care systems"],
        "summary": "Our work to assess integrated care systems will pause for at least six months.",
        "body": [
            "Under the Health and Care Act 2022, we have a duty to look at how well each integrated care system (ICS) "
            "serves the people in its area. The government must approve our approach to these "
            "assessments before we can begin.",
            "We tested our methodology with NHS Dorset ICB and NHS Birmingham and Solihull ICB and their partners. We "
            "then delayed the start of assessments in April 2024 so that we could refine our approach with the "
            "Department of Health and Social Care (DHSC). In May 2024 we delayed the work again until after the general "
            "election. In October 2024, when Dr Penny Dash's review of CQC was published, we paused the work for six "
            "months on her recommendation.",
            ("h2", "What has changed"),
            "On 13 March the government announced that NHS England is to be merged into DHSC, and ICBs have been asked "
            "to make large cuts to their running costs. In light of this, DHSC no longer wants us to put forward "
            "proposals for how ICS assessment should work. As a result, our ICS assessment work is paused, and will "
            "stay paused for a minimum of six months.",
            ("h2", "What we will do in the meantime"),
            "During this time we will concentrate on our four priorities:",
            ("ul", [
                "publishing reports of assessments we have already carried out",
                "increasing the number of assessments we complete",
                "clearing our registration backlog",
                "responding promptly to information of concern",
            ]),
            "Our legal duty to assess ICSs has not changed, and we have not stopped looking at how local services work "
            "together. We will keep talking to DHSC and will revisit our plans once the government's wider reforms are "
            "clearer, among them its 10-year health plan.",
            "We are grateful to the systems that gave their time to our early test-and-learn work, including South "
            "Yorkshire ICS and NHS North East London ICS, as well as to our pilot sites.",
        ],
        "people": ["Penny Dash"],
        "gbp": [],
        "events": [
            E("pause", "2024-04", "ICS", "pause:ics-assessments:2024-04",
              "We then delayed the start of assessments in April 2024"),
            E("pause", "2024-05", "ICS", "pause:ics-assessments:2024-05",
              "In May 2024 we delayed the work again until after the general election"),
            E("pause", "2024-10", "ICS", "pause:ics-assessments:2024-10",
              "we paused the work for six months on her recommendation"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "In October 2024, when Dr Penny Dash's review of CQC was published"),
            E("abolition", "2025-03-13", "NHS England", "abolition:nhs-england:2025-03",
              "On 13 March the government announced that NHS England is to be merged into DHSC"),
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "our ICS assessment work is paused, and will stay paused for a minimum of six months"),
        ],
        "non_events": [
            N("abolition", "Our legal duty to assess ICSs has not changed"),
        ],
    },
    {
        "id": "cqc-hartley-steps-down",
        "shape": "cqc",
        "kind": "press-release",
        "publisher": CQC,
        "path": "/cqc/press-release/sir-julian-hartley-leaves-cqc",
        "published": "2025-10-23", "updated": "2025-10-23", "time": "14:00", "meta_time": True,
        "title": "Sir Julian Hartley leaves CQC",
        "categories": ["Corporate", "Leadership"],
        "summary": "Dr Arun Chopra, Chief Inspector of Mental Health, will act as interim Chief Executive.",
        "body": [
            "Sir Julian Hartley has today left his role as CQC's Chief Executive, with immediate effect.",
            "Julian took up the post in December 2024, two months after his appointment was announced. Over the past "
            "ten months he has led the organisation through the first stages of its recovery, putting in place a plan "
            "to fix our systems and to rebuild trust with providers.",
            "Dr Arun Chopra, our Chief Inspector of Mental Health, will act as interim Chief Executive while the Board "
            "considers longer-term arrangements.",
            "Arun joined CQC in May 2025 as our first Chief Inspector of Mental Health. He is a consultant psychiatrist "
            "and previously worked as medical director of the Mental Welfare Commission for Scotland.",
            "Professor Sir Mike Richards, Chair of CQC, said: “I want to thank Julian for the energy and honesty he has "
            "brought to CQC at a very difficult time for the organisation. Arun has the confidence of the Board and of "
            "colleagues across CQC, and I know he will provide stable leadership over the coming months.”",
            "Our work to improve how we regulate will continue. The consultation on changes to our assessment approach "
            "remains open and will not be paused.",
            "Ends",
        ] + PRESS_OFFICE,
        "people": ["Julian Hartley", "Arun Chopra", "Mike Richards"],
        "gbp": [],
        "events": [
            E("departure", "2025-10-23", "Hartley", "departure:hartley:cqc-chief-executive",
              "Sir Julian Hartley has today left his role as CQC's Chief Executive, with immediate effect"),
            E("appointment", ["2024-12", "2024-10"], "Hartley", "appointment:hartley:cqc-chief-executive",
              "Julian took up the post in December 2024, two months after his appointment was announced"),
            E("appointment", "2025-10", "Chopra", "appointment:chopra:interim-chief-executive",
              "will act as interim Chief Executive while the Board considers longer-term arrangements"),
            E("appointment", "2025-05", "Chopra", "appointment:chopra:chief-inspector-mental-health",
              "Arun joined CQC in May 2025 as our first Chief Inspector of Mental Health"),
        ],
        "non_events": [
            N("pause", "remains open and will not be paused"),
            N("appointment", "previously worked as medical director of the Mental Welfare Commission for Scotland"),
        ],
    },
    # ------------------------------------------------------------------ GovDelivery bulletins (3)
    {
        "id": "gd-provider-2024-11",
        "shape": "govdelivery",
        "publisher": GD,
        "bulletin_id": "3a1f2c4",
        "path": "/govdelivery/accounts/UKCQC/bulletins/3a1f2c4",
        "published": "2024-11-06", "time": "10:32",
        "title": "Provider bulletin: 6 November 2024",
        "bulletin_name": "Provider bulletin",
        "dateline": "Wednesday 6 November 2024",
        "summary": "Changes to registration applications, provider portal notifications, and our new Chief Executive.",
        "intro": ["In this bulletin: changes to how you apply for registration, an update on the provider portal, "
                  "and news about our leadership."],
        "sections": [
            ("Registration applications: changes from 18 November", [
                "From 18 November 2024, you will no longer be able to apply to register with us through the provider "
                "portal. New applications, whether you are a provider or a registered manager, should be made using "
                "the online forms on our website, which go live on the same day.",
                "If you have an application in progress on the portal, you do not need to do anything. We will carry "
                "on processing it and it will not be paused.",
            ]),
            ("Provider portal: notifications service restored", [
                "We suspended the online notifications service in the provider portal at 6pm on Friday 1 November so "
                "that we could carry out urgent maintenance. The service resumed at 8am on Monday 4 November.",
                "If you needed to send a notification over the weekend, please submit it through the portal now and "
                "include the date of the incident.",
            ]),
            ("Our new Chief Executive", [
                "Sir Julian Hartley will join us as Chief Executive in December. Julian is currently Chief Executive "
                "of NHS Providers. Kate Terroni will continue as interim Chief Executive until then.",
            ]),
            ("Help with assessments", [
                "Our next online question-and-answer session for adult social care providers takes place on Tuesday "
                "19 November at 2pm. You can book a place through our website.",
            ]),
        ],
        "signoff": None,
        "people": ["Julian Hartley", "Kate Terroni"],
        "gbp": [],
        "events": [
            E("pause", "2024-11-18", "portal", "pause:portal-registrations:2024-11",
              "From 18 November 2024, you will no longer be able to apply to register with us through the provider portal"),
            E("launch", "2024-11-18", "forms", "launch:registration-online-forms",
              "the online forms on our website, which go live on the same day"),
            E("pause", "2024-11-01", "notifications", "pause:portal-notifications:2024-11",
              "We suspended the online notifications service in the provider portal at 6pm on Friday 1 November"),
            E("resume", "2024-11-04", "notifications", "resume:portal-notifications:2024-11",
              "The service resumed at 8am on Monday 4 November"),
            E("appointment", "2024-12", "Hartley", "appointment:hartley:cqc-chief-executive",
              "Sir Julian Hartley will join us as Chief Executive in December"),
        ],
        "non_events": [
            N("pause", "We will carry on processing it and it will not be paused"),
            N("appointment", "Kate Terroni will continue as interim Chief Executive until then"),
        ],
    },
    {
        "id": "gd-stakeholder-2025-03",
        "shape": "govdelivery",
        "publisher": GD,
        "bulletin_id": "3b7e91d",
        "path": "/govdelivery/accounts/UKCQC/bulletins/3b7e91d",
        "published": "2025-03-26", "time": "12:05",
        "title": "Stakeholder bulletin: 26 March 2025",
        "bulletin_name": "Stakeholder bulletin",
        "dateline": "Wednesday 26 March 2025",
        "summary": "News from our Board meeting: the independent review of CQC technology and ICS assessments.",
        "intro": [
            "Dear colleague",
            "This morning our Board met in public, and we have published several updates as a result. This bulletin "
            "covers:",
            ("ul", [
                "the findings of the independent review of CQC technology",
                "what is happening with integrated care system assessments",
                "changes to our leadership team",
            ]),
        ],
        "sections": [
            ("Independent review of CQC technology", [
                "The independent review of our technology, carried out by IT expert Peter Gill, was published at this "
                "morning's Board meeting. It finds that the root cause of our technology problems was a "
                "transformation of the whole organisation that did not succeed, and that the regulatory platform and "
                "provider portal can be recovered with significant further work.",
                "The review reports that £99 million was spent on the regulatory transformation programme from July "
                "2019, and that savings so far total £0.3 million against planned savings of more than £10 million. It "
                "makes 23 recommendations, all of which the Board has accepted.",
            ]),
            ("Integrated care system assessments", [
                "Following the announcement earlier this month that NHS England will be abolished and its work brought "
                "into the Department of Health and Social Care, DHSC no longer wants a proposal from us on ICS "
                "assessment. Our ICS assessment work is now paused for at least six months.",
                "This is the latest in a series of delays. We first postponed the start of assessments in April 2024, "
                "delayed them again in May 2024 because of the general election, and paused them for six months in "
                "October 2024 following the publication of Dr Penny Dash's review.",
            ]),
            ("Our leadership team", [
                "Dr Arun Chopra will join us in May as our first Chief Inspector of Mental Health. Arun is a consultant "
                "psychiatrist with a long career in mental health services in England and Scotland.",
                "Professor Aidan Fowler has been interim Chief Inspector of Healthcare since 24 February.",
            ]),
        ],
        "signoff": ["If you have questions about any of these updates, please reply to this email.", "Best wishes,",
                    "Helen Ashdown", "Head of Stakeholder Engagement"],
        "people": ["Peter Gill", "Penny Dash", "Arun Chopra", "Aidan Fowler", "Helen Ashdown"],
        "gbp": [99000000, 300000, 10000000],
        "events": [
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "was published at this morning's Board meeting"),
            E("abolition", "2025-03", "NHS England", "abolition:nhs-england:2025-03",
              "the announcement earlier this month that NHS England will be abolished"),
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "Our ICS assessment work is now paused for at least six months"),
            E("pause", "2024-04", "ICS", "pause:ics-assessments:2024-04",
              "We first postponed the start of assessments in April 2024"),
            E("pause", "2024-05", "ICS", "pause:ics-assessments:2024-05",
              "delayed them again in May 2024 because of the general election"),
            E("pause", "2024-10", "ICS", "pause:ics-assessments:2024-10",
              "paused them for six months in October 2024"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "following the publication of Dr Penny Dash's review"),
            E("appointment", "2025-05", "Chopra", "appointment:chopra:chief-inspector-mental-health",
              "Dr Arun Chopra will join us in May as our first Chief Inspector of Mental Health"),
            E("appointment", "2025-02-24", "Fowler", "appointment:fowler:interim-chief-inspector-healthcare",
              "Professor Aidan Fowler has been interim Chief Inspector of Healthcare since 24 February"),
        ],
        "non_events": [],
    },
    {
        "id": "gd-stakeholder-2025-07",
        "shape": "govdelivery",
        "publisher": GD,
        "bulletin_id": "3c05a8e",
        "path": "/govdelivery/accounts/UKCQC/bulletins/3c05a8e",
        "published": "2025-07-09", "time": "11:00",
        "title": "Stakeholder bulletin: 9 July 2025",
        "bulletin_name": "Stakeholder bulletin",
        "dateline": "Wednesday 9 July 2025",
        "summary": "The patient safety review, the 10 Year Health Plan, ICS assessments and adult social care leadership.",
        "intro": ["Welcome to our stakeholder bulletin. This month we look at two major government publications and "
                  "bring you news about our leadership."],
        "sections": [
            ("Review of patient safety across the health and care landscape", [
                "On Monday the government published Dr Penny Dash's review of the organisations that oversee patient "
                "safety in England. The review looks at how regulators and other national bodies work together and "
                "makes recommendations to simplify a landscape that many providers find confusing.",
                "Sir Julian Hartley, our Chief Executive, said: “We welcome the review and its focus on making the "
                "system simpler for the people who use services and for those who work in them. We will work closely "
                "with DHSC on the changes that affect CQC.”",
            ]),
            ("10 Year Health Plan", [
                "The government's 10 Year Health Plan for England was published last Thursday. It sets out three big "
                "shifts: from hospital to community, from analogue to digital, and from sickness to prevention. We are "
                "considering what it means for how we regulate.",
            ]),
            ("Integrated care system assessments", [
                "As we said in March, our ICS assessment work is paused for at least six months. We are not planning "
                "to restart it until the government has set out the future role of integrated care boards.",
            ]),
            ("Adult social care leadership", [
                "Chris Badger has been appointed as our Chief Inspector of Adult Social Care. He will lead our work to "
                "assess adult social care services and local authorities.",
                "We would like to thank James Bullion, who is leaving CQC after serving as interim Chief Inspector of "
                "Adult Social Care and Integrated Care, for his leadership.",
            ]),
        ],
        "signoff": ["Best wishes,", "Helen Ashdown", "Head of Stakeholder Engagement"],
        "people": ["Penny Dash", "Julian Hartley", "Chris Badger", "James Bullion", "Helen Ashdown"],
        "gbp": [],
        "events": [
            E("review_published", "2025-07-07", "Dash", "review_published:dash:patient-safety",
              "On Monday the government published Dr Penny Dash's review"),
            E("launch", "2025-07-03", "plan", "launch:10-year-health-plan",
              "The government's 10 Year Health Plan for England was published last Thursday"),
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "As we said in March, our ICS assessment work is paused for at least six months"),
            E("appointment", "2025", "Badger", "appointment:badger:chief-inspector-asc",
              "Chris Badger has been appointed as our Chief Inspector of Adult Social Care"),
            E("departure", "2025", "Bullion", "departure:bullion:cqc",
              "James Bullion, who is leaving CQC"),
        ],
        "non_events": [
            N("resume", "We are not planning to restart it until the government has set out the future role of integrated care boards"),
        ],
    },
    # ------------------------------------------------------------------ GOV.UK (5)
    {
        "id": "govuk-dash-interim",
        "shape": "govuk",
        "publisher": GOVUK,
        "doc_type": "Press release",
        "path": "/govuk/government/news/interim-findings-of-review-into-care-quality-commission-published",
        "published": "2024-07-26", "published_at": "2024-07-26T00:01:00+01:00",
        "title": "Interim findings of review into Care Quality Commission published",
        "summary": "Dr Penny Dash has set out her early findings on the operational effectiveness of the Care Quality Commission.",
        "body": [
            "The interim findings of an independent review into the Care Quality Commission (CQC) have been published "
            "today.",
            "The review, led by Dr Penny Dash, chair of NHS North West London Integrated Care Board, was commissioned by "
            "the Department of Health and Social Care in May 2024 to examine how effectively the regulator carries out "
            "its work.",
            "Dr Dash's early findings point to serious problems, including:",
            ("ul", [
                "delays in carrying out assessments, meaning many services have gone years without a fresh inspection",
                "IT systems that are difficult for staff and providers to use",
                "a reduction in the specialist knowledge of inspection teams",
                "a lack of clarity about how the single assessment framework is used to reach ratings",
            ]),
            "Health and Social Care Secretary Wes Streeting said:",
            "“Patients need to be able to trust the information they are given about the quality of their care. These "
            "findings show the scale of the work needed to make sure the CQC can do its job properly, and we will "
            "support it to make those changes.”",
            "Dr Penny Dash said:",
            "“I have heard from many providers, CQC staff and members of the public during this work. There is a "
            "strong commitment to putting things right, and my final report will set out how that can be done.”",
            ("h2", "Background"),
            "The final report is expected to be published in the autumn. The review covers the CQC's work in both "
            "health and adult social care.",
        ],
        "people": ["Penny Dash", "Wes Streeting"],
        "gbp": [],
        "events": [
            E("review_published", "2024-07-26", "Dash", "review_published:dash:interim",
              "The interim findings of an independent review into the Care Quality Commission (CQC) have been published today"),
            E("review_commissioned", "2024-05", "Dash", "review_commissioned:dash:cqc-review",
              "was commissioned by the Department of Health and Social Care in May 2024"),
        ],
        "non_events": [
            N("review_published", "The final report is expected to be published in the autumn"),
        ],
    },
    {
        "id": "govuk-hartley",
        "shape": "govuk",
        "publisher": GOVUK,
        "doc_type": "Press release",
        "path": "/govuk/government/news/new-chief-executive-appointed-to-lead-care-quality-commission",
        "published": "2024-10-07", "published_at": "2024-10-07T10:00:00+01:00",
        "title": "New chief executive appointed to lead Care Quality Commission",
        "summary": "Sir Julian Hartley, chief executive of NHS Providers, will lead the health and care regulator from December.",
        "body": [
            "The Care Quality Commission (CQC) is to be led by Sir Julian Hartley, who has been chosen as its next "
            "chief executive.",
            "Sir Julian, currently chief executive of NHS Providers, will start in his new role in December.",
            "He succeeds Ian Trenholm, who stood down in June. Kate Terroni has been leading the CQC as interim chief "
            "executive since then.",
            "Health and Social Care Secretary Wes Streeting said:",
            "“The CQC has an important job to do, and it needs strong leadership to get back on track. Julian is an "
            "experienced NHS leader who understands the frontline, and I am confident he can lead the regulator to "
            "where it needs to be.”",
            "Sir Julian Hartley said:",
            "“I am looking forward to joining the CQC. Good regulation matters to patients, to people who use care "
            "services and to the staff who provide them, and I want to help the organisation rebuild its reputation.”",
            "CQC Chair Ian Dilks said the board was delighted to have secured someone with Sir Julian's experience and "
            "thanked Kate Terroni for leading the organisation in the interim.",
            ("h2", "Background"),
            "Sir Julian has been chief executive of NHS Providers since February 2023. He previously led Leeds "
            "Teaching Hospitals NHS Trust and has worked in senior NHS roles for more than 25 years.",
        ],
        "people": ["Julian Hartley", "Ian Trenholm", "Kate Terroni", "Wes Streeting", "Ian Dilks"],
        "gbp": [],
        "events": [
            E("appointment", ["2024-10-07", "2024-12"], "Hartley", "appointment:hartley:cqc-chief-executive",
              "The Care Quality Commission (CQC) is to be led by Sir Julian Hartley, who has been chosen as its next chief executive"),
            E("departure", "2024-06", "Trenholm", "departure:trenholm:cqc-chief-executive",
              "He succeeds Ian Trenholm, who stood down in June"),
            E("appointment", ["2024-06", "2024-07"], "Terroni", "appointment:terroni:interim-chief-executive",
              "Kate Terroni has been leading the CQC as interim chief executive since then"),
            E("appointment", "2023-02", "Hartley", "appointment:hartley:nhs-providers-chief-executive",
              "Sir Julian has been chief executive of NHS Providers since February 2023"),
        ],
        "non_events": [],
    },
    {
        "id": "govuk-dash-full",
        "shape": "govuk",
        "publisher": GOVUK,
        "doc_type": "Press release",
        "path": "/govuk/government/news/full-report-of-review-into-care-quality-commission-published",
        "published": "2024-10-15", "published_at": "2024-10-15T00:01:00+01:00",
        "title": "Full report of review into Care Quality Commission published",
        "summary": "Dr Penny Dash's final report finds significant failings in how the health and care regulator works.",
        "body": [
            "Dr Penny Dash's final report on the operational effectiveness of the Care Quality Commission (CQC) has "
            "been published today.",
            "The report builds on the interim findings published in July and concludes that there are significant "
            "failings in the way the regulator works, which have reduced its ability to identify poor care.",
            "Among its findings are:",
            ("ul", [
                "a large fall in the number of inspections and assessments compared with the years before the pandemic",
                "persistent problems with the provider portal and the regulatory platform",
                "a loss of credibility with providers, partly because inspections are not always carried out by "
                "people with relevant experience",
                "inconsistent and hard-to-follow judgements under the single assessment framework",
            ]),
            "The review recommends that the CQC pause its assessments of integrated care systems for six months while "
            "it focuses on improving its core work.",
            "The CQC has also published the initial findings of a review of its single assessment framework by "
            "Professor Sir Mike Richards.",
            "Health and Social Care Secretary Wes Streeting said:",
            "“This report is a serious wake-up call. Families choosing a care home or a GP need ratings they can rely "
            "on. The CQC's new leadership has our full backing to make the changes the report calls for.”",
            "Dr Dash will now lead a second review, looking more widely at the bodies responsible for quality and "
            "patient safety across health and care.",
            "The government will respond to the recommendations in due course.",
        ],
        "people": ["Penny Dash", "Mike Richards", "Wes Streeting"],
        "gbp": [],
        "events": [
            E("review_published", "2024-10-15", "Dash", "review_published:dash:final",
              "Dr Penny Dash's final report on the operational effectiveness of the Care Quality Commission (CQC) has been published today"),
            E("review_published", "2024-07", "Dash", "review_published:dash:interim",
              "the interim findings published in July"),
            E("review_published", "2024-10", "Richards", "review_published:richards:saf-review",
              "The CQC has also published the initial findings of a review of its single assessment framework by Professor Sir Mike Richards"),
            E("review_commissioned", "2024-10", "Dash", "review_commissioned:dash:patient-safety",
              "Dr Dash will now lead a second review, looking more widely at the bodies responsible for quality and patient safety"),
        ],
        "non_events": [
            N("pause", "The review recommends that the CQC pause its assessments of integrated care systems for six months"),
        ],
    },
    {
        "id": "govuk-richards-chair",
        "shape": "govuk",
        "publisher": GOVUK,
        "doc_type": "Press release",
        "path": "/govuk/government/news/preferred-candidate-for-care-quality-commission-chair-announced",
        "published": "2025-02-26", "published_at": "2025-02-26T17:30:00+00:00",
        "title": "Preferred candidate for Care Quality Commission chair announced",
        "summary": "Professor Sir Mike Richards is the government's choice to chair the Care Quality Commission.",
        "body": [
            "Professor Sir Mike Richards is the government's choice to become the next chair of the Care Quality "
            "Commission (CQC), the Health and Social Care Secretary confirmed today.",
            "Sir Mike will now attend a pre-appointment hearing with the Health and Social Care Committee. If the "
            "appointment goes ahead, he will succeed Ian Dilks.",
            "Sir Mike was the CQC's first chief inspector of hospitals between 2013 and 2017, and before that spent "
            "many years as the national clinical director for cancer.",
            "Since autumn 2024 he has been leading an independent review of the CQC's single assessment framework, "
            "commissioned by the regulator.",
            "Health and Social Care Secretary Wes Streeting said:",
            "“Sir Mike has an outstanding record in the NHS and a deep knowledge of the CQC. He is the right person to "
            "help the regulator rebuild and to keep it focused on the safety of patients.”",
            ("h2", "About the role"),
            "The chair leads the CQC's board and holds the executive team to account. Remuneration for the role is "
            "£63,000 a year for an expected commitment of 2 to 3 days a week.",
        ],
        "people": ["Mike Richards", "Ian Dilks", "Wes Streeting"],
        "gbp": [63000],
        "events": [
            E("appointment", "2025-02-26", "Richards", "appointment:richards:cqc-chair",
              "Professor Sir Mike Richards is the government's choice to become the next chair of the Care Quality Commission (CQC)"),
            E("appointment", "2013", "Richards", "appointment:richards:chief-inspector-hospitals",
              "Sir Mike was the CQC's first chief inspector of hospitals between 2013 and 2017"),
            E("departure", "2017", "Richards", "departure:richards:chief-inspector-hospitals",
              "first chief inspector of hospitals between 2013 and 2017"),
            E("review_commissioned", "2024", "Richards", "review_commissioned:richards:saf-review",
              "Since autumn 2024 he has been leading an independent review of the CQC's single assessment framework, commissioned by the regulator"),
        ],
        "non_events": [
            N("departure", "If the appointment goes ahead, he will succeed Ian Dilks"),
        ],
    },
    {
        "id": "govuk-nhse-abolition",
        "shape": "govuk",
        "publisher": GOVUK,
        "doc_type": "News story",
        "path": "/govuk/government/news/nhs-england-to-be-brought-into-the-department-of-health-and-social-care",
        "published": "2025-03-13", "published_at": "2025-03-13T12:30:00+00:00",
        "title": "NHS England to be brought into the Department of Health and Social Care",
        "summary": "The Prime Minister has announced that NHS England will be abolished to cut duplication and bureaucracy.",
        "body": [
            "NHS England will be abolished and its functions brought into the Department of Health and Social Care "
            "(DHSC), the Prime Minister announced today.",
            "Keir Starmer said the change would remove duplication, put the NHS back under democratic control and free "
            "up money for frontline care. The move will take around two years and will need legislation.",
            "Integrated care boards (ICBs) will also be asked to cut their running costs by around 50%, and NHS trusts "
            "to bring down the growth in their corporate costs.",
            "Health and Social Care Secretary Wes Streeting said:",
            "“Two organisations doing the same job is not a good use of taxpayers' money. Bringing NHS England into the "
            "department will mean more money for patients and less spent on bureaucracy.”",
            "The transition will be overseen by Sir Jim Mackey, who will take up the post of transition chief executive "
            "of NHS England on 1 April 2025. He replaces Amanda Pritchard, who is stepping down as chief executive at "
            "the end of March.",
            "Planned improvements to waiting times will not be put on hold during the transition, and the NHS will "
            "remain free at the point of use.",
        ],
        "people": ["Keir Starmer", "Wes Streeting", "Jim Mackey", "Amanda Pritchard"],
        "gbp": [],
        "events": [
            E("abolition", "2025-03-13", "NHS England", "abolition:nhs-england:2025-03",
              "NHS England will be abolished and its functions brought into the Department of Health and Social Care (DHSC), the Prime Minister announced today"),
            E("appointment", "2025-04-01", "Mackey", "appointment:mackey:nhs-england-transition-ceo",
              "Sir Jim Mackey, who will take up the post of transition chief executive of NHS England on 1 April 2025"),
            E("departure", "2025-03", "Pritchard", "departure:pritchard:nhs-england-chief-executive",
              "Amanda Pritchard, who is stepping down as chief executive at the end of March"),
        ],
        "non_events": [
            N("pause", "Planned improvements to waiting times will not be put on hold during the transition"),
        ],
    },
    # ------------------------------------------------------------------ CQC board papers (PDF, 3)
    {
        "id": "board-2025-01-ceo",
        "shape": "board-pdf",
        "publisher": CQC,
        "path": "/cqc/sites/default/files/2025-01/20250122-board-chief-executives-report.pdf",
        "published": "2025-01-22",
        "meeting": "Board meeting: 22 January 2025",
        "agenda_item": "Agenda item 3",
        "title": "Chief executive's report",
        "author": "Sir Julian Hartley, Chief Executive",
        "purpose": "For information",
        "body": [
            ("h2", "1. Introduction"),
            "This is my first report to the Board since I joined CQC in December 2024. My first weeks have been spent "
            "listening to colleagues, to providers, to people using care services and to partners across the country. The "
            "message has been consistent: people want CQC to succeed, but they need us to be quicker, clearer and "
            "more consistent in what we do.",
            ("h2", "2. Our priorities"),
            "Our work over the coming months will focus on four priorities: publishing reports of assessments that "
            "have already taken place, increasing the number of assessments we complete each month, clearing the "
            "registration backlog, and responding promptly to information of concern and to notifications.",
            ("h2", "3. Registration"),
            "We stopped accepting registration applications through the provider portal on 18 November 2024. Since "
            "then, applicants have used the online forms on our website. Early feedback is positive, and the number of "
            "applications that have been waiting more than ten weeks has begun to fall.",
            ("h2", "4. Technology"),
            "In December I asked Peter Gill, an independent IT expert, to review the technology that supported our "
            "transformation programme, including the regulatory platform and the provider portal. He will report to "
            "the Board in March, and his report will be published.",
            ("pagebreak",),
            ("h2", "5. Independent reviews"),
            "Professor Sir Mike Richards published the initial findings of his review of the single assessment "
            "framework in October 2024. His work continues, and we expect his final recommendations in the spring.",
            "Work on integrated care system (ICS) assessments remains paused, in line with the six-month pause agreed in "
            "October 2024. I will update the Board on next steps in March.",
            ("h2", "6. Leadership"),
            "Chris Dzikiti continues as interim Chief Inspector of Healthcare, and James Bullion as interim Chief "
            "Inspector of Adult Social Care and Integrated Care. I am grateful to both for their leadership.",
            ("h2", "7. Finance"),
            "Fee income for the five years to 2024/25 is forecast to total £1.2bn. Our revenue budget for 2024/25 is "
            "£256m, and we are forecasting a small underspend at the year end.",
            ("h2", "8. Recommendation"),
            "The Board is asked to note this report.",
        ],
        "people": ["Julian Hartley", "Peter Gill", "Mike Richards", "Chris Dzikiti", "James Bullion"],
        "gbp": [1200000000, 256000000],
        "events": [
            E("appointment", "2024-12", "Hartley", "appointment:hartley:cqc-chief-executive",
              "since I joined CQC in December 2024"),
            E("pause", "2024-11-18", "portal", "pause:portal-registrations:2024-11",
              "We stopped accepting registration applications through the provider portal on 18 November 2024"),
            E("review_commissioned", "2024-12", "Gill", "review_commissioned:gill:technology-review",
              "In December I asked Peter Gill, an independent IT expert, to review the technology"),
            E("review_published", "2024-10", "Richards", "review_published:richards:saf-review",
              "Professor Sir Mike Richards published the initial findings of his review of the single assessment framework in October 2024"),
            E("pause", "2024-10", "ICS", "pause:ics-assessments:2024-10",
              "in line with the six-month pause agreed in October 2024"),
        ],
        "non_events": [
            N("review_published", "his report will be published"),
            N("appointment", "Chris Dzikiti continues as interim Chief Inspector of Healthcare"),
        ],
    },
    {
        "id": "board-2025-03-ceo",
        "shape": "board-pdf",
        "publisher": CQC,
        "path": "/cqc/sites/default/files/2025-03/20250326-board-chief-executives-report.pdf",
        "published": "2025-03-26",
        "meeting": "Board meeting: 26 March 2025",
        "agenda_item": "Agenda item 3",
        "title": "Chief executive's report",
        "author": "Sir Julian Hartley, Chief Executive",
        "purpose": "For information",
        "body": [
            ("h2", "1. Introduction"),
            "Since the Board last met in January, the government has announced major changes to the way the health "
            "system is organised. On 13 March the Prime Minister announced that NHS England will be abolished and its "
            "functions brought into the Department of Health and Social Care.",
            ("h2", "2. Integrated care system assessments"),
            "In light of these changes and the planned reductions in ICB running costs, DHSC has asked us not to "
            "proceed with a proposal on ICS assessment. ICS assessment work will therefore pause for at least six months. A "
            "separate update on our website sets out what this means for systems.",
            ("h2", "3. Independent review of CQC technology"),
            "The independent review of CQC technology by Peter Gill is presented to the Board at today's meeting and "
            "is published on our website today (agenda item 5). I am grateful to everyone who contributed to it.",
            ("pagebreak",),
            ("h2", "4. Leadership"),
            "Professor Aidan Fowler joined CQC as interim Chief Inspector of Healthcare on 24 February 2025, and Chris "
            "Dzikiti moved to the role of interim Executive Director of Operations on the same day.",
            "Dr Arun Chopra will join CQC in May 2025 as our first Chief Inspector of Mental Health.",
            "On 26 February the Health and Social Care Secretary named Professor Sir Mike Richards as the preferred "
            "candidate for Chair of CQC. I would like to thank Ian Dilks for his support and leadership of the Board.",
            ("h2", "5. Operational performance"),
            "The number of assessments completed each month has risen since January, and the registration backlog has "
            "fallen for a third month in a row. Spending on agency inspectors in February was £63,000 below plan.",
            ("h2", "6. Recommendation"),
            "The Board is asked to note this report.",
        ],
        "people": ["Julian Hartley", "Peter Gill", "Aidan Fowler", "Chris Dzikiti", "Arun Chopra", "Mike Richards",
                   "Ian Dilks"],
        "gbp": [63000],
        "events": [
            E("abolition", "2025-03-13", "NHS England", "abolition:nhs-england:2025-03",
              "On 13 March the Prime Minister announced that NHS England will be abolished"),
            E("pause", "2025-03", "ICS", "pause:ics-assessments:2025-03",
              "ICS assessment work will therefore pause for at least six months"),
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "is published on our website today"),
            E("appointment", "2025-02-24", "Fowler", "appointment:fowler:interim-chief-inspector-healthcare",
              "Professor Aidan Fowler joined CQC as interim Chief Inspector of Healthcare on 24 February 2025"),
            E("appointment", "2025-02-24", "Dzikiti", "appointment:dzikiti:interim-executive-director-operations",
              "Dzikiti moved to the role of interim Executive Director of Operations on the same day"),
            E("appointment", "2025-05", "Chopra", "appointment:chopra:chief-inspector-mental-health",
              "Dr Arun Chopra will join CQC in May 2025 as our first Chief Inspector of Mental Health"),
            E("appointment", "2025-02-26", "Richards", "appointment:richards:cqc-chair",
              "On 26 February the Health and Social Care Secretary named Professor Sir Mike Richards as the preferred candidate for Chair of CQC"),
        ],
        "non_events": [],
    },
    {
        "id": "board-2025-03-gill",
        "shape": "board-pdf",
        "publisher": CQC,
        "path": "/cqc/sites/default/files/2025-03/20250326-independent-review-of-cqc-technology-cover-paper.pdf",
        "published": "2025-03-26",
        "meeting": "Board meeting: 26 March 2025",
        "agenda_item": "Agenda item 5",
        "title": "Independent review of CQC technology - cover paper",
        "link_text": "Independent review of CQC technology – cover paper",
        "author": "Sponsor: Sir Julian Hartley, Chief Executive",
        "purpose": "For decision",
        "body": [
            ("h2", "1. Purpose"),
            "This paper introduces the report of the independent review of CQC technology, carried out by Peter Gill, "
            "and asks the Board to accept its 23 recommendations. The report is published today alongside this paper.",
            ("h2", "2. Background"),
            "The regulatory platform was introduced in 2021 and the provider portal in 2023. Both have caused serious "
            "difficulties for colleagues and for providers, as the reviews by Dr Penny Dash and Professor Sir Mike "
            "Richards, published in October 2024, made clear.",
            "The Chief Executive commissioned this review shortly after joining CQC, to establish what went wrong and "
            "whether the systems could be recovered.",
            ("h2", "3. Summary of findings"),
            ("ul", [
                "The technology failed mainly because the wider change to the organisation failed: processes, "
                "structures, roles and technology were all changed at once.",
                "The regulatory transformation programme, which covered both the regulatory platform and the "
                "provider portal, has cost £99 million from July 2019 to the date of the review.",
                "Only £0.3M has been saved so far; the plan had expected more than £10M.",
                "Less than a third of the planned deliverables have been formally approved.",
                "Parts of the platform, including the tools used by customer contact teams, work well.",
            ]),
            ("pagebreak",),
            ("h2", "4. Recommendations"),
            "The 23 recommendations fall into five areas:",
            ("ul", ["Culture", "Governance", "Operating model", "Change management", "Data and digital"]),
            "The report advises that CQC should keep its Microsoft Dynamics 365 platform as a strategic asset, and that "
            "the regulatory platform and provider portal should be rebuilt by CQC colleagues with some specialist "
            "support, rather than replaced.",
            ("h2", "5. Next steps"),
            "A delivery plan setting out how each recommendation will be put in place will come to the Board in May "
            "2025, with progress reported at each public Board meeting after that.",
            ("h2", "6. Recommendation"),
            "The Board is asked to note the report and to accept all 23 recommendations.",
        ],
        "people": ["Julian Hartley", "Peter Gill", "Penny Dash", "Mike Richards"],
        "gbp": [99000000, 300000, 10000000],
        "events": [
            E("review_published", "2025-03-26", "Gill", "review_published:gill:technology-review",
              "The report is published today alongside this paper"),
            E("launch", "2021", "platform", "launch:regulatory-platform",
              "The regulatory platform was introduced in 2021"),
            E("launch", "2023", "portal", "launch:provider-portal",
              "the provider portal in 2023"),
            E("review_published", "2024-10", "Dash", "review_published:dash:final",
              "the reviews by Dr Penny Dash and Professor Sir Mike Richards, published in October 2024"),
            E("review_published", "2024-10", "Richards", "review_published:richards:saf-review",
              "Professor Sir Mike Richards, published in October 2024"),
            E("review_commissioned", "", "Gill", "review_commissioned:gill:technology-review",
              "The Chief Executive commissioned this review shortly after joining CQC"),
        ],
        "non_events": [
            N("launch", "A delivery plan setting out how each recommendation will be put in place will come to the Board in May 2025"),
        ],
    },
]

EVENT_TYPES = ["pause", "resume", "appointment", "departure", "review_commissioned", "review_published",
               "abolition", "launch"]
SCORED_TYPES = {"pause", "resume", "appointment", "departure", "review_commissioned", "review_published"}

# Board meetings page: newest first; every paper must be a board-pdf document above.
BOARD_MEETINGS = [
    ("Board meeting: 26 March 2025", ["board-2025-03-ceo", "board-2025-03-gill"]),
    ("Board meeting: 22 January 2025", ["board-2025-01-ceo"]),
]
