using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

public sealed class ComplianceCalculatorTests
{
    private static readonly DateOnly s_wednesday = new(2026, 11, 25);

    [Fact]
    public void Calculate_DepositBeforeContactAndRetrievalInLesson_CountsDepositAndRetrieval()
    {
        Person[] staff = [new("s", "T1", PersonKind.Staff, "Ada Lovelace", "Science"), new("s", "T2", PersonKind.Staff, "Grace Hopper", "Maths")];
        StaffCustodyEvent[] events =
        [
            new("T1", "deposit", TestCalendar.Utc("2026-11-25T08:30:00Z"), 1),
            new("T1", "retrieve", TestCalendar.Utc("2026-11-25T11:30:00Z"), 2),
            new("T2", "deposit", TestCalendar.Utc("2026-11-25T09:00:00Z"), 3),
        ];

        List<ComplianceDay> days = ComplianceCalculator.Calculate(TestCalendar.Create(), staff, events, s_wednesday, s_wednesday);

        Assert.Collection(
            days,
            t1 => Assert.Equal(("T1", true, 1), (t1.PersonId, t1.Deposited, t1.RetrievalsInContact)),
            t2 => Assert.Equal(("T2", false, 0), (t2.PersonId, t2.Deposited, t2.RetrievalsInContact)));
        ComplianceBucket total = Assert.Single(ComplianceCalculator.Group(days, _ => "all"));
        Assert.Equal(0.5, total.Rate);
    }

    [Fact]
    public void Calculate_Weekend_HasNoStaffDays()
    {
        Person[] staff = [new("s", "T2", PersonKind.Staff, "Grace Hopper")];

        Assert.Empty(ComplianceCalculator.Calculate(TestCalendar.Create(), staff, [], new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void ToCsv_FormulaLikeName_IsNeutralisedAndQuoted()
    {
        ComplianceDay day = new(s_wednesday, "T9", "=HYPERLINK(\"x\")", "Science, Tech", true, TestCalendar.Utc("2026-11-25T08:45:00Z"), 0);

        string csv = ComplianceCalculator.ToCsv([day]);

        Assert.Equal(
            "date,staff_code,name,department,deposited_by_contact_start,contact_start_utc,retrievals_in_contact_time\r\n"
            + "2026-11-25,T9,\"'=HYPERLINK(\"\"x\"\")\",\"Science, Tech\",yes,2026-11-25T08:45:00Z,0\r\n",
            csv);
    }
}
