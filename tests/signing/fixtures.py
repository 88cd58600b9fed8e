"""Test helpers: a minimal PDF/A-2b input, a loopback timestamp authority, bad keys."""
from __future__ import annotations

import datetime as dt
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pikepdf
from PIL import Image, ImageCms, ImageDraw

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
XMP_PDFA = "http://www.aiim.org/pdfa/ns/id/"


def _page_image() -> Image.Image:
    img = Image.new("RGB", (600, 300), (250, 250, 245))
    draw = ImageDraw.Draw(img)
    for y in range(20, 280, 18):
        draw.line((30, y, 570, y), fill=(40, 40, 40), width=3)
    return img


def make_pdfa(text: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") -> bytes:
    """One A4 page with an image and text, sRGB OutputIntent, XMP pdfaid 2B."""
    from fpdf import FPDF
    doc = FPDF(format="A4", unit="pt")
    doc.add_font("Liberation", fname=FONT)
    doc.add_page()
    doc.set_font("Liberation", size=14)
    doc.set_xy(72, 120)
    doc.cell(text=text)
    buf = io.BytesIO()
    _page_image().save(buf, format="JPEG", quality=85)
    doc.image(io.BytesIO(buf.getvalue()), x=72, y=160, w=450)
    return _to_pdfa(bytes(doc.output()))


def _to_pdfa(raw: bytes) -> bytes:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        icc_stream = pikepdf.Stream(pdf, icc)
        icc_stream.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB"),
            Info=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=icc_stream)])
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
            meta["dc:title"] = "Giấy chứng nhận (test)"
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


class _TsaHandler(BaseHTTPRequestHandler):
    stamper = None

    def do_POST(self):  # noqa: N802 - http.server API
        from asn1crypto import tsp
        body = self.rfile.read(int(self.headers["Content-Length"]))
        resp = self.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(resp)))
        self.end_headers()
        self.wfile.write(resp)

    def log_message(self, *args):
        pass


def start_tsa(dev_ca_dir: Path):
    """A timestamp authority on 127.0.0.1 whose certificate the dev CA issued.

    Returns (url, server); call ``server.shutdown()`` when done.
    """
    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from sohoa.signing.devca import issue_cert, load_ca
    from sohoa.signing.keys import der, key_der
    ca_key, ca_cert = load_ca(dev_ca_dir)
    key, cert = issue_cert(ca_key, ca_cert, "SOHOA DEVELOPMENT Test TSA",
                           eku=[ExtendedKeyUsageOID.TIME_STAMPING])
    handler = type("Handler", (_TsaHandler,), {"stamper": DummyTimeStamper(
        tsa_cert=ax509.Certificate.load(der(cert)),
        tsa_key=akeys.PrivateKeyInfo.load(key_der(key)),
        certs_to_embed=[ax509.Certificate.load(der(ca_cert))])})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/tsa", server


def write_p12(path: Path, *, passphrase: str, expired: bool = False) -> Path:
    """A PKCS#12 file with a seal certificate (optionally already expired) and its CA."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from sohoa.signing.devca import issue_cert
    ca_key, ca_cert = issue_cert(None, None, "SOHOA DEVELOPMENT Test Agency CA", is_ca=True)
    start = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)) if expired else None
    key, cert = issue_cert(ca_key, ca_cert, "SOHOA DEVELOPMENT Test Agency Seal",
                           days=30 if expired else 365, not_before=start)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"seal", key, cert, [ca_cert], BestAvailableEncryption(passphrase.encode())))
    return path


def level_signer(home: Path, tsa_url: str, level: str):
    """A signer on the shared development PKI with a TSA and an explicit level."""
    from sohoa.models.settings import Settings
    from sohoa.signing import Signer
    return Signer.from_settings(Settings(home=home, signing={"tsa_url": tsa_url,
                                                              "level": level}))
