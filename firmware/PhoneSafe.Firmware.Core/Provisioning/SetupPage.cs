using System.Text;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Provisioning
{
    /// <summary>
    /// The setup page a locker in setup mode serves on its own Wi-Fi access point: a form for the bundle and the setup
    /// code. The bundle arrives in the address after '#' when the technician's phone scans the QR code (the browser
    /// keeps that part and the page copies it into the form), or is pasted. Plain HTTP/1.0 over one socket per request.
    /// </summary>
    public sealed class SetupPage
    {
        /// <summary>Largest request read, bytes: a bundle, its URL encoding and the headers.</summary>
        public const int MaxRequestBytes = 12288;

        private readonly ISettingsStore _store;
        private readonly IClock _clock;
        private readonly string _unitName;

        /// <summary>
        /// Initializes a new instance of the <see cref="SetupPage"/> class.
        /// </summary>
        /// <param name="store">Where the settings go.</param>
        /// <param name="clock">The locker's clock, for the bundle's expiry.</param>
        /// <param name="unitName">The access point's name, shown on the page.</param>
        public SetupPage(ISettingsStore store, IClock clock, string unitName)
        {
            _store = store;
            _clock = clock;
            _unitName = unitName;
        }

        /// <summary>Gets a value indicating whether a bundle has been stored (the locker should restart).</summary>
        public bool Provisioned { get; private set; }

        /// <summary>
        /// Tells how many bytes of a request have to be read in all, once the headers are in.
        /// </summary>
        /// <param name="head">The bytes read so far, as text.</param>
        /// <returns>The total length, or -1 while the end of the headers has not arrived.</returns>
        public static int ExpectedLength(string head)
        {
            int end = head.IndexOf("\r\n\r\n");
            if (end < 0)
            {
                return -1;
            }

            int length = 0;
            string lower = head.Substring(0, end).ToLower();
            int at = lower.IndexOf("content-length:");
            if (at >= 0)
            {
                at += 15;
                while (at < lower.Length && lower[at] == ' ')
                {
                    at++;
                }

                while (at < lower.Length && lower[at] >= '0' && lower[at] <= '9' && length < MaxRequestBytes)
                {
                    length = (length * 10) + (lower[at] - '0');
                    at++;
                }
            }

            return end + 4 + length;
        }

        /// <summary>
        /// Answers one request: GET shows the form, POST stores the bundle when the code fits.
        /// </summary>
        /// <param name="request">The whole request as text.</param>
        /// <returns>The whole response, status line to body.</returns>
        public string Handle(string request)
        {
            if (request.StartsWith("POST "))
            {
                int body = request.IndexOf("\r\n\r\n");
                string form = body < 0 ? string.Empty : request.Substring(body + 4);
                string error = Provisioner.Apply(_store, FormField(form, "bundle"), FormField(form, "code"), _clock);
                if (error == null)
                {
                    Provisioned = true;
                    return Response("200 OK", "<p>Saved. The locker restarts and joins the school network; its light turns green when the gateway answers.</p>");
                }

                return Response("400 Bad Request", "<p class=e>" + Escape(error) + "</p>" + Form());
            }

            if (request.StartsWith("GET "))
            {
                return Response("200 OK", Provisioner.IsProvisioned(_store) ? "<p>This locker is set up.</p>" : Form());
            }

            return Response("405 Method Not Allowed", "<p>Use the form.</p>");
        }

        /// <summary>
        /// Reads one field of an application/x-www-form-urlencoded body.
        /// </summary>
        /// <param name="form">The body.</param>
        /// <param name="name">The field name.</param>
        /// <returns>The decoded value, or null when absent.</returns>
        public static string FormField(string form, string name)
        {
            string[] pairs = form.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                int equals = pairs[i].IndexOf('=');
                if (equals > 0 && pairs[i].Substring(0, equals) == name)
                {
                    return UrlDecode(pairs[i].Substring(equals + 1));
                }
            }

            return null;
        }

        private static string UrlDecode(string text)
        {
            StringBuilder decoded = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int high;
                int low;
                if (c == '+')
                {
                    decoded.Append(' ');
                }
                else if (c == '%' && i + 2 < text.Length && (high = HexValue(text[i + 1])) >= 0 && (low = HexValue(text[i + 2])) >= 0)
                {
                    decoded.Append((char)((high << 4) | low));
                    i += 2;
                }
                else
                {
                    decoded.Append(c);
                }
            }

            return decoded.ToString();
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        private static string Escape(string text)
        {
            StringBuilder escaped = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '&')
                {
                    escaped.Append("&amp;");
                }
                else if (c == '<')
                {
                    escaped.Append("&lt;");
                }
                else if (c == '>')
                {
                    escaped.Append("&gt;");
                }
                else
                {
                    escaped.Append(c);
                }
            }

            return escaped.ToString();
        }

        private static string Form()
        {
            return "<form method=post><label>Setup bundle (scan the QR code, or paste it)<br><textarea id=b name=bundle rows=6 cols=40></textarea></label>"
                + "<p><label>Setup code<br><input name=code autocomplete=off size=22></label></p><p><button>Set up this locker</button></p></form>"
                + "<script>if(location.hash.length>1)document.getElementById('b').value=decodeURIComponent(location.hash.substring(1));</script>";
        }

        private string Response(string status, string body)
        {
            string html = "<!doctype html><html><head><meta charset=utf-8><meta name=viewport content='width=device-width'><title>PhoneSafe setup</title>"
                + "<style>body{font-family:sans-serif;margin:1em}.e{color:#b00}textarea{width:100%}</style></head><body><h1>PhoneSafe locker setup</h1><p>"
                + Escape(_unitName) + "</p>" + body + "</body></html>";
            return "HTTP/1.0 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: "
                + Encoding.UTF8.GetBytes(html).Length + "\r\n\r\n" + html;
        }
    }
}
