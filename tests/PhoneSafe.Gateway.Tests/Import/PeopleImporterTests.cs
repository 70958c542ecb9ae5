using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Import;

/// <summary>People import against a real database; run once per provider by <see cref="SqlitePeopleImporterTests"/> and <see cref="PostgreSqlPeopleImporterTests"/>.</summary>
public abstract class PeopleImporterTests(TestStorage storage) : IAsyncLifetime
{
    private const string School = "import-school";

    // SIMS-style staff export: extra columns (date of birth, email) are present and must be ignored.
    private const string StaffCsv = "\uFEFFStaff Code,Title,Legal Surname,Preferred Forename,Date of Birth,Department,Role,Work Email\r\n"
        + "ABR,Ms,Abara,Ngozi,1984-03-02,Science,Teacher,n.abara@example.org\r\n"
        + "JHE,Mr,Heath,Jon,1979-11-30,\"Design, Technology\",Deputy Headteacher,j.heath@example.org\r\n"
        + "LPO,Mrs,Poole,Lynn,1990-06-18,Administration,Office Manager,l.poole@example.org\r\n";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(storage, _time);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondChangesNothing()
    {
        PeopleImporter sut = CreateSut();
        ImportReport first = await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: true, TestContext.Current.CancellationToken);
        List<string> before = await _database.QueryAsync("SELECT person_id || '|' || updated_utc FROM people ORDER BY person_id");
        _time.Advance(TimeSpan.FromHours(1));

        ImportReport second = await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: true, TestContext.Current.CancellationToken);

        Assert.Equal((3, 0, 0, 0), (first.Added, first.Updated, first.Unchanged, first.Rejected));
        Assert.Equal((0, 0, 3, 0, 0), (second.Added, second.Updated, second.Unchanged, second.Rejected, second.Deactivated));
        Assert.Equal(before, await _database.QueryAsync("SELECT person_id || '|' || updated_utc FROM people ORDER BY person_id"));
    }

    [Fact]
    public async Task ImportAsync_StaffExport_ReadsNamesDepartmentAndRolesOnly()
    {
        PeopleImporter sut = CreateSut();

        ImportReport report = await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: false, TestContext.Current.CancellationToken);

        IReadOnlyList<Person> staff = await _database.People.ListAsync(School, PersonKind.Staff, TestContext.Current.CancellationToken);
        Assert.Equal(
            ["ABR Ngozi Abara Science office=False slt=False", "JHE Jon Heath Design, Technology office=False slt=True", "LPO Lynn Poole Administration office=True slt=False"],
            staff.OrderBy(p => p.PersonId).Select(p => $"{p.PersonId} {p.DisplayName} {p.Department} office={p.Office} slt={p.Slt}"));
        Assert.Equal("Staff Code", report.ColumnsRead[ImportColumns.Id]);
        Assert.Equal("Preferred Forename", report.ColumnsRead[ImportColumns.FirstName]);
        Assert.DoesNotContain("1984", string.Join(",", await _database.QueryAsync("SELECT * FROM people")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ExplicitFlagColumns_OverrideRoleText()
    {
        PeopleImporter sut = CreateSut();
        const string csv = "Staff Code,Surname,Forename,Role,Office,SLT\nKAY,Kay,Sam,Receptionist,no,Y\n";

        await sut.ImportAsync(School, PersonKind.Staff, csv, full: false, TestContext.Current.CancellationToken);

        Person person = Assert.Single(await _database.People.ListAsync(School, PersonKind.Staff, TestContext.Current.CancellationToken));
        Assert.False(person.Office);
        Assert.True(person.Slt);
    }

    [Fact]
    public async Task ImportAsync_PupilExportWithAliases_ReadsAdnoYearAndRegGroup()
    {
        PeopleImporter sut = CreateSut();
        const string csv = "Adno,UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year,Reg Group\n"
            + "001234,A123456789012,Smith,Jonathan,Jon,2014-01-01,Year 7,7B\n";

        ImportReport report = await sut.ImportAsync(School, PersonKind.Pupil, csv, full: false, TestContext.Current.CancellationToken);

        Person pupil = Assert.Single(await _database.People.ListAsync(School, PersonKind.Pupil, TestContext.Current.CancellationToken));
        Assert.Equal(new Person(School, "001234", PersonKind.Pupil, "Jon Smith", Group: "7B", Year: "Year 7"), pupil);
        Assert.Equal("Adno", report.ColumnsRead[ImportColumns.Id]);
        Assert.DoesNotContain("A123456789012", string.Join(",", await _database.QueryAsync("SELECT * FROM people")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_BadRows_AreReportedWithLineAndReason_AndGoodRowsImported()
    {
        PeopleImporter sut = CreateSut();
        const string csv = "Staff Code,Surname,Forename,SLT\n"
            + "AAA,Able,Ann,no\n"             // line 2: fine
            + ",Blank,Bob,no\n"               // line 3: no id
            + "AAA,Again,Ann,no\n"            // line 4: duplicate
            + "\"C\nC\",Multi,Line,no\n"      // line 5-6: id with a line break
            + "DDD,Dee,Dan,maybe\n"           // line 7: bad flag
            + "EEE,Extra,Eve,no,surplus\n"    // line 8: too many fields
            + "FFF,,,no\n"                    // line 9: no name
            + "GGG,Good,Gail,yes\n";          // line 10: fine

        ImportReport report = await sut.ImportAsync(School, PersonKind.Staff, csv, full: false, TestContext.Current.CancellationToken);

        Assert.Equal((2, 0, 0, 6), (report.Added, report.Updated, report.Unchanged, report.Rejected));
        Assert.Equal([3, 4, 5, 7, 8, 9], report.Rejections.Select(r => r.Line));
        Assert.Equal("no staff code", report.Rejections[0].Reason);
        Assert.Equal("staff code AAA appears again (first on line 2)", report.Rejections[1].Reason);
        Assert.Contains("must be 1 to 32 letters", report.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Equal("SLT must be yes or no", report.Rejections[3].Reason);
        Assert.StartsWith("has 5 fields but the header has 4", report.Rejections[4].Reason, StringComparison.Ordinal);
        Assert.Equal("no name", report.Rejections[5].Reason);
    }

    [Fact]
    public async Task ImportAsync_ChangedDetails_CountUpdated()
    {
        PeopleImporter sut = CreateSut();
        await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: false, TestContext.Current.CancellationToken);

        ImportReport report = await sut.ImportAsync(School, PersonKind.Staff, StaffCsv.Replace("Science", "Biology", StringComparison.Ordinal), full: false, TestContext.Current.CancellationToken);

        Assert.Equal((0, 1, 2), (report.Added, report.Updated, report.Unchanged));
        Assert.Equal("Biology", (await _database.People.FindAsync(School, "ABR", TestContext.Current.CancellationToken))!.Department);
    }

    [Fact]
    public async Task ImportAsync_FullImportWithoutSomeone_MarksThemInactive_AndListingThemAgainReactivates()
    {
        PeopleImporter sut = CreateSut();
        await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: true, TestContext.Current.CancellationToken);
        string withoutPoole = string.Join("\r\n", StaffCsv.Split("\r\n").Where(l => !l.StartsWith("LPO", StringComparison.Ordinal)));

        ImportReport partial = await sut.ImportAsync(School, PersonKind.Staff, withoutPoole, full: false, TestContext.Current.CancellationToken);
        ImportReport full = await sut.ImportAsync(School, PersonKind.Staff, withoutPoole, full: true, TestContext.Current.CancellationToken);
        bool activeAfterFull = (await _database.People.FindAsync(School, "LPO", TestContext.Current.CancellationToken))!.Active;
        ImportReport again = await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: true, TestContext.Current.CancellationToken);

        Assert.Equal(0, partial.Deactivated);
        Assert.Equal(1, full.Deactivated);
        Assert.False(activeAfterFull);
        Assert.Equal((1, 2), (again.Updated, again.Unchanged));
        Assert.Equal(3, (await _database.People.ListAsync(School, PersonKind.Staff, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task ImportAsync_FullImportOfPupils_LeavesStaffAlone()
    {
        PeopleImporter sut = CreateSut();
        await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: true, TestContext.Current.CancellationToken);

        ImportReport report = await sut.ImportAsync(School, PersonKind.Pupil, "Adno,Surname,Forename\n1,Pupil,Pat\n", full: true, TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Deactivated);
        Assert.Equal(3, (await _database.People.ListAsync(School, PersonKind.Staff, TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData("Surname,Forename\nSmith,Jo\n", "no staff code column")]
    [InlineData("Staff Code,Department\nT1,Maths\n", "no name column")]
    [InlineData("", "the file is empty")]
    [InlineData("Staff Code,Surname\n,NoCode\n", "a full import with no valid rows")]
    public async Task ImportAsync_UnusableFile_ThrowsAndChangesNothing(string csv, string expected)
    {
        PeopleImporter sut = CreateSut();
        await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: false, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => sut.ImportAsync(School, PersonKind.Staff, csv, full: true, TestContext.Current.CancellationToken));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _database.People.ListAsync(School, PersonKind.Staff, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task ImportAsync_PupilIdUsedByStaff_IsRejected()
    {
        PeopleImporter sut = CreateSut();
        await sut.ImportAsync(School, PersonKind.Staff, StaffCsv, full: false, TestContext.Current.CancellationToken);

        ImportReport report = await sut.ImportAsync(School, PersonKind.Pupil, "Adno,Surname\nABR,Clash\n", full: false, TestContext.Current.CancellationToken);

        ImportRejection rejection = Assert.Single(report.Rejections);
        Assert.Equal(new ImportRejection(2, "ABR is already used by a member of staff"), rejection);
    }

    private PeopleImporter CreateSut() => new(_database.People);
}
