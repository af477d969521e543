"""The office's own details, printed on handouts, sign-in sheets, certificates and report footers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeSettings:
    office_name: str = ""  # 長野県健康福祉部介護支援課
    department: str = ""  # 地域包括ケア係
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    # 修了証書・受講証明書の発行者 (長野県知事 阿部 守一 / 健康福祉部 介護支援課長 …); '' = 「〇〇県知事」
    certificate_issuer: str = ""
    certificate_seal: bool = False  # leave a 公印 space (a box marked 印) beside the issuer

    @property
    def footer(self) -> str:
        """The line a printed report ends with: office, department, phone."""
        return "　".join(x for x in (self.office_name, self.department, self.phone) if x)
