// identity_instances: the one expansion of a format definition's identities into the cells they
// add up, read from the definitions the format plugins ship.
#include <gtest/gtest.h>
#include <nianbao/format.h>

#include "test_util.h"

using namespace nianbao;
using nianbao::test::slurp;
using nianbao::test::source_path;

namespace {

const FormatDefinition& gov2021() {
  static const FormatDefinition f =
      parse_format_definition(slurp(source_path("plugins/formats/gov-2021/gov-2021.format.json")));
  return f;
}

const IdentityDef& identity(const FormatDefinition& f, const std::string& code) {
  for (const auto& id : f.identities)
    if (id.code == code) return id;
  throw std::runtime_error("no identity " + code);
}

std::vector<std::string> members(const std::vector<IdentityInstance>& instances) {
  std::vector<std::string> out;
  for (const auto& in : instances)
    out.emplace_back(in.member);
  return out;
}

}  // namespace

// T3-01 (over rows, each "*"): every row of table 三, its six applicant columns against 总计.
TEST(IdentityInstances, EachRowOfApplicationsForTheApplicantSum) {
  const FormatDefinition& f = gov2021();
  const TableDef& t = *f.find_table("applications");
  auto instances = identity_instances(identity(f, "T3-01"), t);
  ASSERT_EQ(instances.size(), 25u);
  EXPECT_EQ(instances.front().member, "new");
  EXPECT_EQ(instances[4].member, "denied.state_secret");
  EXPECT_EQ(instances.back().member, "carried_forward");
  const IdentityInstance& granted = instances[2];
  EXPECT_EQ(granted.member, "granted");
  std::vector<IdentityCell> lhs = {{"granted", "natural_person"}, {"granted", "commercial"},
                                   {"granted", "research"},       {"granted", "social_welfare"},
                                   {"granted", "legal_services"}, {"granted", "other_org"}};
  EXPECT_EQ(granted.lhs, lhs);
  EXPECT_EQ(granted.rhs, (std::vector<IdentityCell>{{"granted", "total"}}));
}

// T3-03 (over columns, each "*"): in every column of table 三, 新收 + 上年结转 = 总计 + 结转下年度.
TEST(IdentityInstances, ColumnScopeIdentityTakesRowsAlongEachColumn) {
  const FormatDefinition& f = gov2021();
  const TableDef& t = *f.find_table("applications");
  auto instances = identity_instances(identity(f, "T3-03"), t);
  EXPECT_EQ(members(instances),
            (std::vector<std::string>{"natural_person", "commercial", "research", "social_welfare",
                                      "legal_services", "other_org", "total"}));
  const IdentityInstance& commercial = instances[1];
  EXPECT_EQ(commercial.lhs,
            (std::vector<IdentityCell>{{"new", "commercial"}, {"carried_over", "commercial"}}));
  EXPECT_EQ(commercial.rhs, (std::vector<IdentityCell>{{"results_total", "commercial"},
                                                       {"carried_forward", "commercial"}}));
  // T3-02: the 21 outcome rows against （七）总计, in the last column too.
  auto outcomes = identity_instances(identity(f, "T3-02"), t);
  ASSERT_EQ(outcomes.size(), 7u);
  EXPECT_EQ(outcomes.back().lhs.size(), 21u);
  EXPECT_EQ(outcomes.back().lhs.front(), (IdentityCell{"granted", "total"}));
  EXPECT_EQ(outcomes.back().lhs.back(), (IdentityCell{"other.other", "total"}));
  EXPECT_EQ(outcomes.back().rhs, (std::vector<IdentityCell>{{"results_total", "total"}}));
}

// T4-02 names its one row: 未经复议直接起诉, its four results against its 总计.
TEST(IdentityInstances, NamedMemberGivesOneInstance) {
  const FormatDefinition& f = gov2021();
  const TableDef& t = *f.find_table("review_litigation");
  auto instances = identity_instances(identity(f, "T4-02"), t);
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0].member, "litigation_direct");
  EXPECT_EQ(instances[0].lhs, (std::vector<IdentityCell>{{"litigation_direct", "upheld"},
                                                         {"litigation_direct", "corrected"},
                                                         {"litigation_direct", "other"},
                                                         {"litigation_direct", "pending"}}));
  EXPECT_EQ(instances[0].rhs, (std::vector<IdentityCell>{{"litigation_direct", "total"}}));
}

// "*" means the rows of the blocks that hold the summed columns, not every row of the table:
// table 二's first block (规章, 规范性文件) has 新制发件数 and 现行有效件数; its other blocks do
// not.
TEST(IdentityInstances, EveryMemberIsLimitedToTheBlocksOfTheSummedKeys) {
  const FormatDefinition& f = gov2021();
  const TableDef& t = *f.find_table("proactive");
  IdentityDef id;
  id.code = "X-01";
  id.table = "proactive";
  id.over = IdentityDef::Over::rows;
  id.each = {"*"};
  id.lhs = {"issued"};
  id.rhs = {"in_force"};
  auto instances = identity_instances(id, t);
  EXPECT_EQ(members(instances), (std::vector<std::string>{"regulations", "normative_documents"}));
  // Over columns, "*" gives the columns of the blocks holding the summed rows.
  id.over = IdentityDef::Over::columns;
  id.lhs = {"penalty"};
  id.rhs = {"enforcement"};
  instances = identity_instances(id, t);
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0].member, "decisions");
  EXPECT_EQ(instances[0].lhs, (std::vector<IdentityCell>{{"penalty", "decisions"}}));
  // A key the table does not have stays as written: the checks report what is missing.
  id.each = {"nowhere"};
  instances = identity_instances(id, t);
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0].rhs, (std::vector<IdentityCell>{{"enforcement", "nowhere"}}));
}
