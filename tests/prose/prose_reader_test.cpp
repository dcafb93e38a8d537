// The prose reader on the hard cases of real prose, one sentence each, with the national
// definitions' quantities: what it must read, and where it must stay silent.
#include <gtest/gtest.h>
#include <nianbao/format.h>
#include <nianbao/text.h>

#include <fstream>
#include <sstream>

#include "prose_reader.h"

namespace {

using nianbao::prose::ProseReader;

const nianbao::FormatDefinition& gov2021() {
  static const nianbao::FormatDefinition def = [] {
    std::ifstream in(NIANBAO_SOURCE_DIR "/plugins/formats/gov-2021/gov-2021.format.json");
    std::stringstream s;
    s << in.rdbuf();
    return nianbao::parse_format_definition(s.str());
  }();
  return def;
}

// "value=name; value=name" of every attribution, in sentence order.
std::string read(const std::string& sentence) {
  static const ProseReader reader(gov2021().prose);
  std::string out;
  for (const auto& a : reader.read(sentence))
    out +=
        (out.empty() ? "" : "; ") + std::to_string(a.value) + "=" + nianbao::prose::joined_name(a);
  return out;
}

TEST(ProseReader, ApplicationCounts) {
  EXPECT_EQ(read("2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件。"),
            "75=applications.received; 72=applications.new.natural_person; "
            "3=applications.new.commercial");
  EXPECT_EQ(read("本年度新收政府信息公开申请100件，上年结转5件，办结98件，结转下年度7件。"),
            "100=applications.new; 5=applications.carried_over; "
            "98=applications.results_total; 7=applications.carried_forward");
  EXPECT_EQ(read("全年共受理依申请公开3,985件。"), "3985=applications.received");
}

TEST(ProseReader, NumberAfterItsPhrase) {
  EXPECT_EQ(read("收到政府信息公开申请10件，其中1件结转下年度办理。"),
            "10=applications.received; 1=applications.carried_forward");
  EXPECT_EQ(read("办结政府信息公开申请12件，其中2件为上年结转。"),
            "12=applications.results_total; 2=applications.carried_over");
}

TEST(ProseReader, JoinedQuantitiesAreSums) {
  EXPECT_EQ(read("办结依申请公开81件，其中：予以公开及部分公开42件，占51.9%。"),
            "81=applications.results_total; "
            "42=applications.granted + applications.partially_granted");
  EXPECT_EQ(read("对政府信息公开申请不予公开和无法提供3件。"),
            "3=applications.denied + applications.unavailable");
  EXPECT_EQ(read("涉及政府信息公开的行政复议和行政诉讼共4件。"),
            "4=litigation.total + review.total");
}

TEST(ProseReader, AReasonOfferedForAGroupMeansTheGroup) {
  EXPECT_EQ(read("答复政府信息公开申请300件，因本机关不掌握等原因无法提供265件。"),
            "300=applications.results_total; 265=applications.unavailable");
  // One reason without 等: the number may be the reason's row or the group's. Silent.
  EXPECT_EQ(read("政府信息公开申请中，由于本机关不掌握相关政府信息而无法提供5件。"), "");
}

TEST(ProseReader, CountsOfOtherThingsAreNeverAttributed) {
  EXPECT_EQ(read("全年收到群众诉求348件，均已办结。"), "");
  EXPECT_EQ(read("全年受理网络问政182件。"), "");
  EXPECT_EQ(read("受理政府信息公开申请15件，办理12345热线工单300件，收到信访件12件。"),
            "15=applications.received");
  EXPECT_EQ(read("全年主动公开政府信息1200条，受理依申请公开20件，接听咨询电话50件。"),
            "20=applications.received");
  EXPECT_EQ(read("全年办理人大代表建议32件、政协提案41件，收到政府信息公开申请9件。"),
            "9=applications.received");
}

TEST(ProseReader, DifferencesAndApproximationsAreNotCounts) {
  EXPECT_EQ(read("共收到政府信息公开申请100件，同比增加12件，增长13.6%。"),
            "100=applications.received");
  EXPECT_EQ(read("收到政府信息公开申请较上年减少3件。"), "");
  EXPECT_EQ(read("受理政府信息公开申请10余件。"), "");
  EXPECT_EQ(read("行政复议、行政诉讼各1件。"), "");
}

TEST(ProseReader, ReviewAndLitigation) {
  EXPECT_EQ(
      read("2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。"),
      "1=litigation.total; 2=review.total");
  EXPECT_EQ(read("因政府信息公开被申请行政复议3起，维持2起，尚未审结1起。"),
            "3=review.total; 2=review.upheld; 1=review.pending");
}

TEST(ProseReader, DocumentsOnlyInTheirOwnClause) {
  EXPECT_EQ(read("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"),
            "698=proactive.normative_documents.in_force; 88=proactive.normative_documents.issued");
  EXPECT_EQ(read("在网站显眼位置设立专栏，发布政策文件20件。"), "");
  EXPECT_EQ(read("制定规范性文件，全年印发各类文件20件。"), "");
}

TEST(ProseReader, TextThatIsNotProse) {
  EXPECT_EQ(read(""), "");
  EXPECT_EQ(read("件件件予以公开件"), "");
  EXPECT_EQ(read("予以公开99999999999999999999999件"), "");
  EXPECT_EQ(read(std::string("予以公开\xff\xfe") + "3件"), "");
}

}  // namespace

namespace {

TEST(ProseReader, TheParagraphsTopicCarriesToItsNextSentence) {
  static const ProseReader reader(gov2021().prose);
  auto read_in = [&](const std::string& sentence, const std::string& context) {
    std::string out;
    for (const auto& a : reader.read(sentence, context))
      out += (out.empty() ? "" : "; ") + std::to_string(a.value) + "=" +
             nianbao::prose::joined_name(a);
    return out;
  };
  const std::u32string first = nianbao::decode_utf8("全年收到政府信息公开申请75件。");
  const std::string topic = reader.topic_after(first, "");
  EXPECT_EQ(topic, "applications");
  EXPECT_EQ(read_in("其中予以公开22件。", topic), "22=applications.granted");
  EXPECT_EQ(read_in("其中予以公开22件。", ""), "");
  // A count of another thing ends the topic.
  EXPECT_EQ(reader.topic_after(nianbao::decode_utf8("另受理群众来信12件。"), topic), "");
  // A sentence with its own words does not take the previous one's topic.
  EXPECT_EQ(read_in("全年办结群众诉求300件。", topic), "");
}

}  // namespace
