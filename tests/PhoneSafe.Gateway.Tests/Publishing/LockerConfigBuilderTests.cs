using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Publishing;

namespace PhoneSafe.Gateway.Tests.Publishing;

public sealed class LockerConfigBuilderTests
{
    private const string School = "build-school";

    private static readonly (string, Person)[] s_credentials =
    [
        (new string('a', 32), new Person(School, "T1", PersonKind.Staff, "Teacher One")),
        (new string('b', 32), new Person(School, "T2", PersonKind.Staff, "Teacher Two")),
        (new string('c', 32), new Person(School, "OF", PersonKind.Staff, "Office", Office: true)),
        (new string('d', 32), new Person(School, "P1", PersonKind.Pupil, "Pupil One", Group: "7B")),
        (new string('e', 32), new Person(School, "T1", PersonKind.Staff, "Teacher One")),
    ];

    [Fact]
    public void Build_ClassroomUnit_AllowsStaffWithTheirReservedCompartmentOrZero()
    {
        LockerConfig config = Build(LockerKind.Classroom, new Dictionary<string, int> { ["T1"] = 3, ["T2"] = 9 });

        Assert.Equal(
            ["aaaa:staff:3", "bbbb:staff:0", "cccc:staff:0", "eeee:staff:3"],
            Entries(config));
    }

    [Fact]
    public void Build_OfficeUnit_AllowsOfficeStaffAsOfficeAndPupilsAsPupil()
    {
        LockerConfig config = Build(LockerKind.Office, new Dictionary<string, int> { ["T1"] = 3 });

        Assert.Equal(["cccc:office:0", "dddd:pupil:0"], Entries(config));
    }

    [Fact]
    public async Task Build_DefaultContactWindows_AreMondayToFridayMorningAndAfternoon()
    {
        var windows = await new ConfiguredContactWindows(Microsoft.Extensions.Options.Options.Create(new LockerConfigOptions()))
            .GetWeekdayWindowsAsync(School, TestContext.Current.CancellationToken);

        LockerConfig config = LockerConfigBuilder.Build(LockerKind.Classroom, 8, [], new Dictionary<string, int>(), windows, new LockerConfigOptions(), 60);

        Assert.Equal(10, config.ContactWindows.Count);
        ContactWindow monday = (ContactWindow)config.ContactWindows[0]!;
        ContactWindow fridayAfternoon = (ContactWindow)config.ContactWindows[9]!;
        Assert.Equal((1, 525, 735), (monday.Weekday, monday.StartMinute, monday.EndMinute));
        Assert.Equal((5, 785, 915), (fridayAfternoon.Weekday, fridayAfternoon.StartMinute, fridayAfternoon.EndMinute));
        Assert.Equal(60, config.UtcOffsetMinutes);
    }

    [Fact]
    public void ContentHash_SameInputsInAnyOrder_AreEqual_AndAnyChangeDiffers()
    {
        string first = LockerConfigBuilder.ContentHash("lk-1", Build(LockerKind.Classroom, new Dictionary<string, int> { ["T1"] = 3 }));
        string reordered = LockerConfigBuilder.ContentHash("lk-1", LockerConfigBuilder.Build(
            LockerKind.Classroom, 8, s_credentials.Reverse().ToArray(), new Dictionary<string, int> { ["T1"] = 3 }, [], new LockerConfigOptions(), 0));
        string moved = LockerConfigBuilder.ContentHash("lk-1", Build(LockerKind.Classroom, new Dictionary<string, int> { ["T1"] = 4 }));
        LockerConfig versioned = Build(LockerKind.Classroom, new Dictionary<string, int> { ["T1"] = 3 });
        versioned.Version = 42;

        Assert.Equal(first, reordered);
        Assert.NotEqual(first, moved);
        Assert.Equal(first, LockerConfigBuilder.ContentHash("lk-1", versioned));
        Assert.Equal(42, versioned.Version);
    }

    [Theory]
    [InlineData("08:45-12:15", true, 525, 735)]
    [InlineData("13:05 - 15:15", true, 785, 915)]
    [InlineData("00:00-24:00", true, 0, 1440)]
    [InlineData("12:15-08:45", false, 0, 0)]
    [InlineData("8:45-12:15", false, 0, 0)]
    [InlineData("08:45", false, 0, 0)]
    public void TryParsePeriod_Text_GivesMinutes(string text, bool valid, int start, int end)
    {
        bool parsed = ConfiguredContactWindows.TryParsePeriod(text, out int startMinute, out int endMinute);

        Assert.Equal(valid, parsed);
        if (valid)
        {
            Assert.Equal((start, end), (startMinute, endMinute));
        }
    }

    private static LockerConfig Build(string kind, Dictionary<string, int> assignments) =>
        LockerConfigBuilder.Build(kind, 8, s_credentials, assignments, [], new LockerConfigOptions(), 0);

    private static string[] Entries(LockerConfig config) =>
        config.Allow.Cast<AllowEntry>().Select(e => $"{e.Credential[..4]}:{e.Role}:{e.Compartment}").ToArray();
}
