using PhoneSafe.Gateway.Import;

namespace PhoneSafe.Gateway.Tests.Import;

public sealed class CsvParserTests
{
    [Theory]
    [InlineData("a,b\r\n1,2", "1:[a|b]2:[1|2]")]
    [InlineData("a,b\n1,2\n", "1:[a|b]2:[1|2]")]
    [InlineData("a,b\r1,2\r", "1:[a|b]2:[1|2]")]
    [InlineData("\uFEFFStaff Code,Surname\r\nT1,Smith", "1:[Staff Code|Surname]2:[T1|Smith]")]
    [InlineData("name,n\r\n\"Smith, John\",2", "1:[name|n]2:[Smith, John|2]")]
    [InlineData("q\n\"say \"\"hi\"\"\"", "1:[q]2:[say \"hi\"]")]
    [InlineData("a,b\n\"one\ntwo\",x\n3,4", "1:[a|b]2:[one\ntwo|x]4:[3|4]")]
    [InlineData("a,b\r\n\"one\r\ntwo\",x\r\n3,4", "1:[a|b]2:[one\r\ntwo|x]4:[3|4]")]
    [InlineData("a,b\n\n1,2\n\n", "1:[a|b]3:[1|2]")]
    [InlineData("a,b\n1,", "1:[a|b]2:[1|]")]
    [InlineData("a,b\n,", "1:[a|b]2:[|]")]
    [InlineData("a,b\n\"\",\"x\"", "1:[a|b]2:[|x]")]
    [InlineData("a;b\n\"1;5\";2", "1:[a|b]2:[1;5|2]")]
    [InlineData("a\tb\n1\t2", "1:[a|b]2:[1|2]")]
    [InlineData("a,b\nO'Brien,x\"y", "1:[a|b]2:[O'Brien|x\"y]")]
    [InlineData("", "")]
    [InlineData("\uFEFF", "")]
    public void Parse_GoldenText_GivesRecordsWithStartLines(string text, string expected)
    {
        IReadOnlyList<CsvRow> rows = CsvParser.Parse(text);

        Assert.Equal(expected, string.Concat(rows.Select(r => $"{r.Line}:[{string.Join('|', r.Fields)}]")));
    }

    [Fact]
    public void Parse_QuoteNeverClosed_ThrowsWithItsLine()
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.Parse("a,b\n1,2\n\"open,3\n4,5"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }
}
