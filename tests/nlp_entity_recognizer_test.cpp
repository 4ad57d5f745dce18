#include "factgraph/core/error.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/tokenizer.hpp"

#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

using namespace factgraph::nlp;

namespace {

const std::string kSource = FACTGRAPH_SOURCE_DIR;
const std::string kModel = kSource + "/data/models/ner.bin";
const std::string kLexicons = kSource + "/data/lexicons";

const EntityRecognizer& recognizer() {
    static const EntityRecognizer r = EntityRecognizer::load(kModel, kLexicons);
    return r;
}

// "TYPE:words" of every entity in the text, in order, after whole-document recognition.
std::vector<std::string> entities_of(const std::string& text) {
    std::vector<Sentence> doc = Tokenizer().tokenize(text);
    recognizer().recognize(doc);
    std::vector<std::string> out;
    for (const EntitySpan& span : entity_spans(doc)) {
        const Sentence& s = doc[static_cast<std::size_t>(span.sentence)];
        const auto begin = s.tokens[static_cast<std::size_t>(span.first_token)].start;
        const auto end = s.tokens[static_cast<std::size_t>(span.end_token - 1)].end;
        out.push_back(span.type + ":" + text.substr(begin, end - begin));
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string temp_file(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}


}  // namespace

TEST(EntityRecognizer, FixedNewsSentence) {
    const auto e = entities_of("French President Emmanuel Macron met Amnesty International officials in Paris.");
    EXPECT_TRUE(has(e, "PER:Emmanuel Macron"));
    EXPECT_TRUE(has(e, "ORG:Amnesty International"));
    EXPECT_TRUE(has(e, "LOC:Paris"));
    EXPECT_FALSE(has(e, "LOC:French")) << "demonyms are not entities";
}

TEST(EntityRecognizer, TitlesSuffixesAndPlaces) {
    const auto e = entities_of("Mr Johnson said Acme Holdings Ltd would open an office in Nairobi, Kenya.");
    EXPECT_TRUE(has(e, "PER:Johnson"));
    EXPECT_TRUE(has(e, "ORG:Acme Holdings Ltd"));
    EXPECT_TRUE(has(e, "LOC:Nairobi"));
    EXPECT_TRUE(has(e, "LOC:Kenya"));
}

TEST(EntityRecognizer, DocumentConsistency) {
    // The bare surname takes the type of the full name found earlier in the document.
    const auto e = entities_of("Prime Minister Naftali Bennett spoke on Sunday.\n\nLater, Bennett met reporters.");
    EXPECT_TRUE(has(e, "PER:Naftali Bennett"));
    EXPECT_TRUE(has(e, "PER:Bennett"));
    // Also when the surname is a dictionary word, which the sentence pass leaves untagged alone.
    const auto f = entities_of("Bill Clinton denied an affair with Gennifer Flowers in 1992. Later, Flowers said she had "
                               "proof. The flowers were red.");
    EXPECT_TRUE(has(f, "PER:Gennifer Flowers"));
    EXPECT_EQ(std::count(f.begin(), f.end(), "PER:Flowers"), 1);
}

TEST(EntityRecognizer, BareSurnameIsThePersonNamedInFull) {
    // Alone, the model read these bare surnames as a place and an organisation.
    const auto e = entities_of("A new poll shows that Republican presidential candidate Donald Trump remains in a dead heat. "
                               "In the head-to-head contest, Clinton leads Trump by 43 percent to 38 percent, while Trump "
                               "received 38 percent of those responding. In this poll, Trump rose 1 point.");
    EXPECT_EQ(std::count(e.begin(), e.end(), "PER:Trump"), 3);
    EXPECT_FALSE(has(e, "LOC:Trump"));
    const auto f = entities_of("Police shot Terence Crutcher in Tulsa last week. Crutcher, 40, was unarmed. Officers said "
                               "that Crutcher had refused to obey commands.");
    EXPECT_EQ(std::count(f.begin(), f.end(), "PER:Crutcher"), 2);
    // A surname that the lexicons list as a place keeps the model's reading.
    const auto g = entities_of("A statue of George Washington stands in the park. Lawmakers in Washington voted on Tuesday.");
    EXPECT_TRUE(has(g, "LOC:Washington"));
}

TEST(EntityRecognizer, DaysAndMonthsAreNoNames) {
    // After "doctor" (a cue before a person's name) "Friday" had become a person, and with it
    // every later "Friday" of the document.
    const auto e = entities_of("The candidate released a letter from his doctor Friday afternoon that says he is healthy. "
                               "He held a rally Friday evening in Michigan.");
    EXPECT_FALSE(has(e, "PER:Friday"));
    EXPECT_TRUE(has(e, "LOC:Michigan"));
    // A month is a person's name where the document names her so, not in a date.
    const auto f = entities_of("Prime Minister Theresa May met the Queen. May said in June that the talks would end in May "
                               "2017.");
    EXPECT_TRUE(has(f, "PER:Theresa May"));
    EXPECT_EQ(std::count(f.begin(), f.end(), "PER:May"), 1);
}

TEST(EntityRecognizer, PartyAndStateTagsAreNoNames) {
    // The model alone read "R-Utah" as a place.
    const auto e = entities_of("Committee Chairman Jason Chaffetz (R-Utah) said the aide had defied a subpoena. Rep. Lacy "
                               "Clay (D-Mo.) disagreed.");
    EXPECT_TRUE(has(e, "PER:Jason Chaffetz"));
    EXPECT_FALSE(std::any_of(e.begin(), e.end(), [](const std::string& x) {
        return x.find("R-Utah") != std::string::npos || x.find("D-Mo.") != std::string::npos;
    }));
}

TEST(EntityRecognizer, CapitalisedRunEndingInAnOrganisationNounIsAnOrganisation) {
    // The model alone left both bodies untagged.
    const auto e = entities_of("Douglas Holtz-Eakin, a former director of the Congressional Budget Office, said the plan "
                               "would cost more. The filing with the Securities and Exchange Commission came a day later.");
    EXPECT_TRUE(has(e, "ORG:Congressional Budget Office"));
    EXPECT_TRUE(has(e, "ORG:Securities and Exchange Commission"));
    // Also in a text where the model found no name at all, and with the head noun first.
    const auto d = entities_of("The Commission on Presidential Debates said the stage would be ready on Friday.");
    EXPECT_EQ(d, std::vector<std::string>{"ORG:Commission on Presidential Debates"});
    // Not a place the lexicons list, nor a title-case headline.
    const auto f = entities_of("Staff at the Oval Office declined to comment.");
    EXPECT_FALSE(has(f, "ORG:Oval Office"));
    const auto g = entities_of("Voters Say Tax Plan Needs Review Board\n\nThe plan was published on Monday.");
    EXPECT_FALSE(has(g, "ORG:Voters Say Tax Plan Needs Review Board"));
}

TEST(EntityRecognizer, TitlesBeforePageantsAndForumsAndPhotoCreditsNameNoPerson) {
    // The model alone read "Universe", "Getty/Instagram" and "Forum" as people, and left the
    // American Action Forum untagged.
    const auto e = entities_of("Trump called a former Miss Universe \"disgusting\" on Friday. Alicia Machado said she was "
                               "hurt.\n\nGetty/Instagram.\n\nThe candidates met at the Commander-in-Chief Forum in New "
                               "York. Douglas Holtz-Eakin is president of the American Action Forum, a research group.");
    EXPECT_TRUE(has(e, "PER:Alicia Machado"));
    EXPECT_TRUE(has(e, "ORG:American Action Forum"));
    EXPECT_FALSE(std::any_of(e.begin(), e.end(), [](const std::string& x) {
        return x == "PER:Universe" || x == "PER:Getty/Instagram" || x == "PER:Forum";
    }));
    // A title before a person's name still makes a person ("Miss" before a name no dictionary has,
    // or before a first name that is a dictionary word too).
    EXPECT_TRUE(has(entities_of("The award went to Miss Okonjo, who thanked her teachers."), "PER:Okonjo"));
    EXPECT_TRUE(has(entities_of("The award went to Miss Lily, who thanked her teachers."), "PER:Lily"));
}

TEST(EntityRecognizer, ListedOrganisationsStayOrganisationsWhereTheModelReadPlaces) {
    // "Fargo" is a city: the model alone read the bank as a place in every mention.
    const auto e = entities_of("Earlier this month, Wells Fargo was fined $185 million. Cross-selling was a significant "
                               "aspect of Wells Fargo's retail banking strategy.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:Wells Fargo", "ORG:Wells Fargo"}));
    // The model read the news site as a place.
    const auto f = entities_of("According to a new report by Politico, party insiders are trying to mobilize voters. "
                               "According to Politico, both of these areas are highly populated.");
    EXPECT_EQ(f, (std::vector<std::string>{"ORG:Politico", "ORG:Politico"}));
    // Think tanks and clubs that UNER's web text would have as places (its centres are venues).
    const auto g = entities_of("An analysis by the Tax Policy Center found the plan would cut taxes. The Sierra Club "
                               "opposed the pipeline.");
    EXPECT_EQ(g, (std::vector<std::string>{"ORG:Tax Policy Center", "ORG:Sierra Club"}));
}

TEST(EntityRecognizer, ListedProductsAreNoEntities) {
    // The model read the spyware as a person here ("said Pegasus had been installed").
    const auto e = entities_of("Kestrel Labs said on Friday that it had found Pegasus on the phone of a French minister, "
                               "Pierre Dubois. The lab said Pegasus had been installed in 2019.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:Kestrel Labs", "PER:Pierre Dubois"}));
    // Only a mention that is exactly a listed product: a longer name holding one stays.
    EXPECT_TRUE(has(entities_of("She flew to Istanbul with Pegasus Airlines on Monday."), "ORG:Pegasus Airlines"));
    // Planets, which UNER tags O (the model read "Venus" as a person in an astrology weblog).
    const auto f = entities_of("Currently, Mercury and Venus is conjunct and the conjunction is closely aspected. Natal "
                               "Saturn and Venus are also under the close affliction, Venus Williams said.");
    EXPECT_EQ(f, (std::vector<std::string>{"PER:Venus Williams"}));
}

TEST(EntityRecognizer, LawsAndTreatiesAreNoEntities) {
    // The model read "Nafta" as a place and then an organisation here, "Brexit" as a person, "the
    // Clean Air Act" as an organisation, "Dodd-Frank" as a person, "Pacific Partnership" as a
    // place and "Paris" of "the Paris Agreement" as the city.
    const auto e = entities_of(
        "The Mexican economy depends on Nafta, and officials in Mexico City fear that Nafta will unravel. "
        "The IMF warned that the Brexit vote could slow growth in Britain, and Brexit talks stalled. "
        "The Environmental Protection Agency said the Clean Air Act allows the rule. "
        "Critics of the Paris Agreement met in Denver. "
        "Lawmakers debated the Dodd-Frank law and the Trans-Pacific Partnership on Tuesday.");
    EXPECT_EQ(e, (std::vector<std::string>{"LOC:Mexico City", "ORG:IMF", "LOC:Britain", "ORG:Environmental Protection Agency",
                                           "LOC:Denver"}));
    // "Jim Crow" (the segregation laws) had been a person.
    const auto f = entities_of("The legacy of racism, enshrined in Jim Crow laws, shaped policing from the injustices of "
                               "Jim Crow to the present day, Ava DuVernay said.");
    EXPECT_EQ(f, (std::vector<std::string>{"PER:Ava DuVernay"}));
}

TEST(EntityRecognizer, AGenerationalSuffixAloneIsNoName) {
    // The name ends at the comma; the lone "Jr." repeated the one inside King's name and was
    // tagged as a second person.
    const auto e = entities_of("Michael Haltzel, former foreign policy advisor to Vice President (then-Senator) Joseph R. "
                               "Biden, Jr., is Senior Fellow at the Center for Transatlantic Relations.\n\n"
                               "The Commander-in-Chief Forum was held in New York. Martin Luther King, Jr. spoke there.");
    EXPECT_TRUE(has(e, "PER:Joseph R. Biden"));
    EXPECT_FALSE(has(e, "PER:Jr."));
    // Nor is a Roman numeral alone (the model read the contract's section as a person); after a
    // name it stays in it.
    const auto f = entities_of("The plan document under VII. Queen Elizabeth II opened the session.");
    EXPECT_EQ(f, (std::vector<std::string>{"PER:Elizabeth II"}));
}

TEST(EntityRecognizer, AnUnlistedAcronymAfterTheIsAnOrganisation) {
    // The word classes put "VA" beside Virginia; "the VA" is the Veterans Affairs department, and
    // the mentions without "the" follow the votes. Listed places keep their type ("the US").
    const auto e = entities_of("Calls into the VA hotline went to voicemail. The VA needs to move faster, and VA has made "
                               "progress, veterans in the US said.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:VA", "ORG:VA", "ORG:VA", "LOC:US"}));
}

TEST(EntityRecognizer, ACompanysNameWithoutItsSuffixIsTheCompany) {
    // The model read the bare "Mozilla" once as a person and once as an organisation; the
    // foundation's full name settles it, and the untagged "Mozilla platform" follows.
    const auto e = entities_of("My income changed from The Mozilla Foundation to Google. Ben Goodger is the lead engineer "
                               "for Mozilla Firefox. Mozilla said the browser would ship in March. He remains devoted to "
                               "the Mozilla platform.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:The Mozilla Foundation", "ORG:Google", "PER:Ben Goodger", "ORG:Mozilla",
                                           "ORG:Mozilla", "ORG:Mozilla"}));
    // A person's name stays a person's ("the Clinton Foundation" and Bill Clinton).
    const auto f = entities_of("Bill Clinton spoke at the Clinton Foundation. Clinton said the gala raised money.");
    EXPECT_EQ(f, (std::vector<std::string>{"PER:Bill Clinton", "ORG:Clinton Foundation", "PER:Clinton"}));
    // The first word alone where the words between it and the suffix are dictionary words (the
    // model read the headline's "Solano" as a person).
    const auto h = entities_of("Fuel slick off Porto traced to Solano tanker, scientist says.\n\nDr Elena Rossi said a "
                               "tanker operated by Solano Shipping Group dumped fuel oil in the Douro estuary last week.");
    EXPECT_EQ(h, (std::vector<std::string>{"LOC:Porto", "ORG:Solano", "PER:Elena Rossi", "ORG:Solano Shipping Group",
                                           "LOC:Douro"}));
    // A broadcaster without "News" (the model read the bare "Fox" as a person).
    const auto g = entities_of("Donald Trump had kinder words for Chris Wallace of Fox News, who will moderate the debate. "
                               "To pressure debate moderators, Trump told Fox that they hit Matt because he was soft.");
    EXPECT_EQ(g, (std::vector<std::string>{"PER:Donald Trump", "PER:Chris Wallace", "ORG:Fox News", "PER:Trump", "ORG:Fox",
                                           "PER:Matt"}));
}

TEST(EntityRecognizer, ADepartmentsNameIsWholeWithItsCountryAndItsAnd) {
    // The model cut the department in three: "U.S." a place, "Department of Housing" and "Urban
    // Development"; and left the ministry after a demonym untagged.
    const auto e = entities_of("The U.S. Department of Housing and Urban Development said on Monday that rents rose "
                               "again. On Tuesday the French Ministry of Foreign Affairs said that the government would "
                               "respond to the report within a week. The Department of Justice and Congress declined "
                               "to comment.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:U.S. Department of Housing and Urban Development",
                                           "ORG:French Ministry of Foreign Affairs", "ORG:Department of Justice",
                                           "ORG:Congress"}));
}

TEST(EntityRecognizer, ADatelineBeforeAnAgencysCreditIsAPlace) {
    // The model read "TEHRAN" as an organisation beside the agency and left "KYIV" out.
    const auto e = entities_of("TEHRAN (AFP) - Iran said on Sunday it would resume enrichment.\n\n"
                               "KYIV (Reuters) - Ukraine said on Friday it had repelled attacks.");
    EXPECT_EQ(e, (std::vector<std::string>{"LOC:TEHRAN", "ORG:AFP", "LOC:Iran", "LOC:KYIV", "ORG:Reuters", "LOC:Ukraine"}));
    // Without a credit: the model read "BRUSSELS" as an organisation; dictionary words stay out.
    const auto f = entities_of("BRUSSELS — Ministers met on Monday to discuss the budget.\n\nBREAKING — The vote was "
                               "delayed.\n\nPS - call me.");
    EXPECT_EQ(f, (std::vector<std::string>{"LOC:BRUSSELS"}));
}

TEST(EntityRecognizer, ANameSaidToSomeoneIsAPerson) {
    // The model read "Elmira" as a place (the town) and left "Malach" and "Mery" out.
    const auto e = entities_of("Elmira, you are the best! All I can say is that Elmira you are the best.\n\n"
                               "Malach, what you say makes sense.\n\nMery,\n\nThis is the report.\n\n"
                               "Yes, you can. America, you are great.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Elmira", "PER:Elmira", "PER:Malach", "PER:Mery", "LOC:America"}));
}

TEST(EntityRecognizer, AFirstNameAloneIsThePersonNamedInFull) {
    // The model read the bare first name as a place in both greetings of the thread.
    const auto e = entities_of("Let me know if you have any questions.\n\nVladi.\n\nHey Vladi,\n\nDo you have the "
                               "numbers for May?\n\nThanks,\n\nVladi Pimenov ext. 37625");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Vladi", "PER:Vladi", "PER:Vladi Pimenov"}));
}

TEST(EntityRecognizer, ANameEndingInAPublicationsHeadIsThePublication) {
    // The model read the magazine as a place (the city it begins with).
    const auto e = entities_of("The Washington Monthly 's Who 's Who of Neocons is out, and the piece ran this week.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:Washington Monthly"}));
}

TEST(EntityRecognizer, ANameBeforePartyIsTheParty) {
    // The model left both parties out; "Republican", a dictionary word, stays as the model read it.
    const auto e = entities_of("Abbas told supporters of the ruling Fatah party that he would stay. Members of the Likud "
                               "party met on Monday, while the Republican party argued.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Abbas", "ORG:Fatah", "ORG:Likud"}));
}

TEST(EntityRecognizer, GreaterBeforeAPlaceIsPartOfIt) {
    const auto e = entities_of("Buses run most frequently between Noida and Greater Noida, and trains from Greater London.");
    EXPECT_EQ(e, (std::vector<std::string>{"LOC:Noida", "LOC:Greater Noida", "LOC:Greater London"}));
}

TEST(EntityRecognizer, TwoOrganisationsAcrossAndAreTwo) {
    // The model read "the Justice Department and Congress" as one organisation.
    const auto e = entities_of("The facts are that Ms. Mills cooperated fully with the Justice Department and Congress, "
                               "the FBI concluded. The Securities and Exchange Commission agreed.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Mills", "ORG:Justice Department", "ORG:Congress", "ORG:FBI",
                                           "ORG:Securities and Exchange Commission"}));
}

TEST(EntityRecognizer, AGulfOrSeaOfAPlaceIsOnePlace) {
    // The lexicons know "Mexico" and "Japan", so the model read two places each; the cape was untagged.
    const auto e = entities_of("Storms hit the Gulf of Mexico while ships waited in the Sea of Japan and off the Cape of "
                               "Good Hope.");
    EXPECT_EQ(e, (std::vector<std::string>{"LOC:Gulf of Mexico", "LOC:Sea of Japan", "LOC:Cape of Good Hope"}));
}

TEST(EntityRecognizer, APlaceAndACapitalisedPluralAreATeam) {
    // The model read the first team as a place and the second as the city alone; the suburbs
    // named with a plural stay places.
    const auto e = entities_of("The Minnesota Vikings beat the Dallas Cowboys, and the New York Yankees lost. Fans drove "
                               "from Colorado Springs and Washington Heights.");
    EXPECT_EQ(e, (std::vector<std::string>{"ORG:Minnesota Vikings", "ORG:Dallas Cowboys", "ORG:New York Yankees",
                                           "LOC:Colorado Springs", "LOC:Washington Heights"}));
}

TEST(EntityRecognizer, AnOrganisationsNationalBranchIsTheOrganisation) {
    // "[RT] [America]" had been an organisation and a place; a department's name before a country
    // used as a modifier stays apart ("State Department Iraq hands").
    const auto e = entities_of("Larry King hosts a show on the Russian state network RT, and RT has paid him well. A "
                               "passionate defender of RT America, Mr. Schultz likened RT to the BBC. They excluded State "
                               "Department Iraq hands like Tom Warrick.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Larry King", "ORG:RT", "ORG:RT", "ORG:RT America", "PER:Schultz", "ORG:RT",
                                           "ORG:BBC", "ORG:State Department", "LOC:Iraq", "PER:Tom Warrick"}));
}

TEST(EntityRecognizer, ACamelCaseBrandIsNoPlace) {
    // The model read the utility as a place in all four mentions ("at NiMo").
    const auto e = entities_of("I spoke to Bruce Garcey at NiMo regarding their RFP. Bruce indicated NiMo short listed "
                               "five companies. NiMo released an additional RFP. He then drove from DeKalb to Chicago.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Bruce Garcey", "ORG:NiMo", "PER:Bruce", "ORG:NiMo", "ORG:NiMo",
                                           "LOC:DeKalb", "LOC:Chicago"}));
}

TEST(EntityRecognizer, ANameEndingInUniversityIsTheSchool) {
    // The model read both as places (the city, or a man's name and a town).
    const auto e = entities_of("Richard Revesz, director of an institute at New York University, said the states would lose. "
                               "She studied at Christopher Newport University in Virginia.");
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Richard Revesz", "ORG:New York University",
                                           "ORG:Christopher Newport University", "LOC:Virginia"}));
}

TEST(EntityRecognizer, ASurnameRunOnIntoAnotherNameIsThePerson) {
    // Without a comma the model read "Washington Post Trump" and "Meanwhile Trump" as organisations.
    const auto e = entities_of("Donald Trump met the editorial board of the Washington Post in March. "
                               "In a meeting with the editorial board of the Washington Post Trump said that the alliance may shrink.\n\n"
                               "Meanwhile Trump continues his praise of Putin.");
    EXPECT_EQ(std::count(e.begin(), e.end(), "ORG:Washington Post"), 2);
    EXPECT_EQ(std::count(e.begin(), e.end(), "PER:Trump"), 2);
    EXPECT_FALSE(has(e, "ORG:Washington Post Trump"));
    EXPECT_FALSE(has(e, "ORG:Meanwhile Trump"));
}

TEST(EntityRecognizer, TheWordsBeforeAStateAbbreviationNameATown) {
    // The model read the dateline's "FLINT" and "Ashton" as people and left "HEMPSTEAD" out.
    const auto e = entities_of("FLINT, Mich., Oct. 4 (UPI) -- Former President Bill Clinton criticized the health law on "
                               "Tuesday. Donna Rawlings, 59, of Ashton, Md., said the law had helped her.\n\n"
                               "HEMPSTEAD, N.Y. -- The debate was held at Hofstra University.");
    EXPECT_TRUE(has(e, "LOC:FLINT"));
    EXPECT_TRUE(has(e, "LOC:Ashton"));
    EXPECT_TRUE(has(e, "LOC:HEMPSTEAD"));
    EXPECT_TRUE(has(e, "PER:Donna Rawlings"));
}

TEST(EntityRecognizer, APartysMemberNounIsNoName) {
    // The model read "Democrat" as a person here (and, in a news article, "Democrat Hillary
    // Clinton" as one name).
    const auto e = entities_of("At least one Democrat wasn't quite as on board with comparing Trump to Romney. "
                               "\"That is not a legitimate purpose,\" said Rep. Elijah Cummings of Maryland, the panel's ranking Democrat. "
                               "A new poll shows that Republican presidential candidate Donald Trump remains in a tight race with "
                               "Democrat Hillary Clinton.");
    EXPECT_FALSE(has(e, "PER:Democrat"));
    EXPECT_FALSE(has(e, "PER:Democrat Hillary Clinton"));
    EXPECT_TRUE(has(e, "PER:Elijah Cummings"));
}

TEST(EntityRecognizer, ALowerCaseTitleInsideANameSeparatesTwoPeople) {
    // The model read "Stein spokeswoman Melezia Figueroa" as one person's name.
    const auto e = entities_of("Jill Stein was not invited to the debate. Stein spokeswoman Melezia Figueroa said the "
                               "candidate was headed to the venue to participate in media interviews.");
    EXPECT_TRUE(has(e, "PER:Melezia Figueroa"));
    EXPECT_FALSE(has(e, "PER:Stein spokeswoman Melezia Figueroa"));
}

TEST(EntityRecognizer, AnOrganisationTakesInTheHyphenatedWordsBeforeIt) {
    // The model read "Chief Forum" as the organisation.
    const auto e = entities_of("Stein, who is ineligible, was turned away from the Commander-in-Chief Forum on Wednesday.");
    EXPECT_TRUE(has(e, "ORG:Commander-in-Chief Forum"));
    EXPECT_FALSE(has(e, "ORG:Chief Forum"));
}

TEST(EntityRecognizer, TitleCaseHeadlineKeepsTheNamesOfTheBody) {
    const std::string body = "\n\nSenator Lindsey Graham spoke on Monday. Obama answered a mother of a soldier.";
    // Alone, the model read "Lindsey Graham Says" as a person, "Must Unite" and "Gold Star Mom
    // Corners Obama" as organisations.
    const auto e = entities_of("Lindsey Graham Says Party Must Unite" + body);
    EXPECT_EQ(e, (std::vector<std::string>{"PER:Lindsey Graham", "PER:Lindsey Graham", "PER:Obama"}));
    const auto f = entities_of("Gold Star Mom Corners Obama On His Refusal" + body);
    EXPECT_EQ(f, (std::vector<std::string>{"PER:Obama", "PER:Lindsey Graham", "PER:Obama"}));
}

TEST(EntityRecognizer, AcronymDefinedInParentheses) {
    // The sentence pass alone finds only "New Orleans" (a place) here and misses every "HANO".
    const auto e = entities_of("The complaint was filed against the Housing Authority of New Orleans (HANO) last week. "
                               "Lawyers said HANO had ignored the agreement.");
    EXPECT_TRUE(has(e, "ORG:Housing Authority of New Orleans"));
    EXPECT_FALSE(has(e, "LOC:New Orleans"));
    EXPECT_EQ(std::count(e.begin(), e.end(), "ORG:HANO"), 2);
    // Capitalised terms that name no one are left alone.
    const auto g = entities_of("The economy grew, and Gross Domestic Product (GDP) rose by 2%. Experts expect GDP to slow.");
    EXPECT_FALSE(has(g, "ORG:GDP"));
    EXPECT_FALSE(has(g, "ORG:Gross Domestic Product"));
}

TEST(EntityRecognizer, EventNamesAreNoEntities) {
    // A storm's name after "Hurricane" is an event, here and where it comes back alone; a name with
    // the noun inside it is still an organisation.
    const auto e = entities_of("Hurricane Rita strengthened on Wednesday, the National Hurricane Center said. "
                               "On Thursday Rita packed winds of 175 miles per hour.");
    EXPECT_FALSE(std::any_of(e.begin(), e.end(), [](const std::string& x) { return x.find("Rita") != std::string::npos; }));
    EXPECT_TRUE(has(e, "ORG:National Hurricane Center"));
}

TEST(EntityRecognizer, PlainLowerCaseWordsAreOutsideNames) {
    // A lower-case dictionary word after another plain word is never scored: the model alone
    // read this "devil" as a person.
    const auto e = entities_of("Critics say the senator made a deal with the devil in March.");
    EXPECT_FALSE(has(e, "PER:devil"));
    // A lower-case word still continues a name after a capital or after a word no dictionary
    // knows (web text writes names in lower case).
    const auto f = entities_of("They walked through Central park on Sunday.");
    EXPECT_TRUE(has(f, "LOC:Central park"));
    const auto g = entities_of("Where can I get morcillas in tampa bay, I'm going to a party.");
    EXPECT_TRUE(has(g, "LOC:tampa bay"));
}

TEST(EntityRecognizer, TagsAreValidIob2) {
    std::vector<Sentence> doc = Tokenizer().tokenize(
        "The Paris prosecutor's office said on Tuesday that NSO Group, Le Monde and the BBC had been "
        "contacted in London and Tel Aviv by Amnesty International researchers.");
    recognizer().recognize(doc);
    for (const Sentence& s : doc) {
        std::string previous = "O";
        for (const Token& t : s.tokens) {
            if (t.ner.rfind("I-", 0) == 0) {
                EXPECT_TRUE(previous.size() > 2 && previous.substr(2) == t.ner.substr(2)) << previous << " -> " << t.ner;
            }
            EXPECT_TRUE(t.ner == "O" || t.ner.size() == 5) << t.ner;
            previous = t.ner;
        }
    }
}

TEST(EntityRecognizer, ConstRecognitionIsThreadSafe) {
    const std::string text = "Angela Merkel visited Washington with officials from Siemens AG.";
    const auto expected = entities_of(text);
    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < got.size(); ++i)
        threads.emplace_back([&, i] {
            for (int k = 0; k < 20; ++k) got[i] = entities_of(text);
        });
    for (auto& t : threads) t.join();
    for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(EntityRecognizer, MissingModelIsModelErrorNamingTheFile) {
    try {
        EntityRecognizer::load("/nonexistent/ner.bin", kLexicons);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/ner.bin"), std::string::npos) << e.what();
    }
}

TEST(EntityRecognizer, CorruptModelIsModelError) {
    std::ifstream in(kModel, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    const std::string truncated = temp_file("factgraph_ner_truncated.bin", bytes.substr(0, bytes.size() / 2));
    EXPECT_THROW(EntityRecognizer::load(truncated, kLexicons), factgraph::ModelError);
    bytes[bytes.size() / 2] ^= 0x5a;
    const std::string flipped = temp_file("factgraph_ner_flipped.bin", bytes);
    try {
        EntityRecognizer::load(flipped, kLexicons);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(flipped), std::string::npos) << e.what();
    }
    const std::string garbage = temp_file("factgraph_ner_garbage.bin", "not a model");
    EXPECT_THROW(EntityRecognizer::load(garbage, kLexicons), factgraph::ModelError);
    std::filesystem::remove(truncated);
    std::filesystem::remove(flipped);
    std::filesystem::remove(garbage);
}

TEST(EntitySpans, FromIob2Tags) {
    const Sentence s = factgraph::testing::tagged_sentence({{"Le", "B-ORG"}, {"Monde", "I-ORG"}, {"and", "O"}, {"Paris", "B-LOC"},
                                    {"Macron", "I-PER"}, {"Jr", "I-PER"}, {"x", "B-PER"}});
    const auto spans = entity_spans(s, 3);
    ASSERT_EQ(spans.size(), 4u);
    EXPECT_EQ(spans[0], (EntitySpan{3, 0, 2, "ORG"}));
    EXPECT_EQ(spans[1], (EntitySpan{3, 3, 4, "LOC"}));
    EXPECT_EQ(spans[2], (EntitySpan{3, 4, 6, "PER"})) << "a stray I- tag starts a span (conlleval)";
    EXPECT_EQ(spans[3], (EntitySpan{3, 6, 7, "PER"}));
}

TEST(Iob2, ReadsUniversalNerAndKeepsPerOrgLoc) {
    std::istringstream in(
        "# newdoc id = doc-1\n"
        "# sent_id = s1\n"
        "# text = Al-Zaman : American forces\n"
        "1\tAl\tB-ORG\t-\tx\n"
        "2\t-\tI-ORG\t-\tx\n"
        "3\tZaman\tI-ORG\t-\tx\n"
        "4\t:\tO\n"
        "5\tAmerican\tB-OTH\t-\tx\n"
        "6\tSunni\tI-OTH\t-\tx\n"
        "7\t.\tB-O\t-\tx\n"
        "\n"
        "# sent_id = s2\n"
        "1\tin\tO\n"
        "2\tIraq\tI-LOC\n"
        "\n"
        "# newdoc id = doc-2\n"
        "# sent_id = s3\n"
        "1\tHi\tO\n");
    const auto docs = read_iob2(in, "test.iob2");
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0].id, "doc-1");
    ASSERT_EQ(docs[0].sentences.size(), 2u);
    const Sentence& s1 = docs[0].sentences[0];
    EXPECT_EQ(s1.id, "s1");
    std::vector<std::string> tags;
    for (const Token& t : s1.tokens) tags.push_back(t.ner);
    EXPECT_EQ(tags, (std::vector<std::string>{"B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"}));
    EXPECT_EQ(docs[0].sentences[1].tokens[1].ner, "B-LOC") << "I- without B- is repaired";
    EXPECT_EQ(docs[1].sentences.size(), 1u);

    std::istringstream bad("1\tonly-two-columns\n");
    EXPECT_THROW(read_iob2(bad, "bad.iob2"), factgraph::InputError);
}

TEST(EntityScores, ExactSpanAndType) {
    EntityScores scores;
    scores.add({{0, 0, 2, "PER"}, {0, 3, 4, "LOC"}, {1, 0, 1, "ORG"}},
               {{0, 0, 2, "PER"}, {0, 3, 4, "ORG"}, {1, 0, 2, "ORG"}});
    EXPECT_EQ(scores.micro.gold, 3u);
    EXPECT_EQ(scores.micro.predicted, 3u);
    EXPECT_EQ(scores.micro.correct, 1u);
    EXPECT_NEAR(scores.micro.f1(), 1.0 / 3.0, 1e-9);
    EXPECT_EQ(scores.by_type["PER"].correct, 1u);
    EXPECT_EQ(scores.by_type["ORG"].predicted, 2u);
    EXPECT_EQ(scores.by_type["ORG"].correct, 0u);
}
