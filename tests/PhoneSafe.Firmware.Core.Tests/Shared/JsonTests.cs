using System.Collections;
using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class JsonTests
    {
        [TestMethod]
        public void TryParse_NestedDocument_ReturnsTablesListsAndScalars()
        {
            Assert.IsTrue(Json.TryParse("{\"a\":[1,-2,{\"b\":\"x\\\"y\\u0041\"}],\"t\":true,\"n\":null}", out object value, out string error), error);
            Hashtable table = (Hashtable)value;
            ArrayList list = (ArrayList)table["a"];
            Assert.AreEqual(1L, (long)list[0]);
            Assert.AreEqual(-2L, (long)list[1]);
            Assert.AreEqual("x\"yA", (string)((Hashtable)list[2])["b"]);
            Assert.AreEqual(true, (bool)table["t"]);
            Assert.IsTrue(table.Contains("n"));
            Assert.IsNull(table["n"]);
        }

        [TestMethod]
        public void TryParse_InvalidDocuments_AreRefusedWithAReason()
        {
            string[] bad = new string[]
            {
                string.Empty, "{", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "{\"a\":1.5}", "{\"a\":1e3}",
                "{\"a\":01}", "[[[[[[[[[1]]]]]]]]]", "{\"a\":\"unterminated}", "{\"a\":tru}", "{'a':1}",
                "{\"a\":\"\\q\"}", "{\"a\":1234567890123456789}",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                Assert.IsFalse(Json.TryParse(bad[i], out _, out string error), bad[i]);
                Assert.IsNotNull(error, bad[i]);
            }
        }

        [TestMethod]
        public void JsonBuilder_EscapesQuotesAndControlCharacters_RoundTrips()
        {
            string json = new JsonBuilder().Add("s", "a\"b\\c\nd").Add("n", -5).Add("b", false).ToString();
            Assert.AreEqual("{\"s\":\"a\\\"b\\\\c\\u000ad\",\"n\":-5,\"b\":false}", json);
            Assert.IsTrue(Json.TryParse(json, out object value, out _));
            Assert.AreEqual("a\"b\\c\nd", (string)((Hashtable)value)["s"]);
        }
    }
}
