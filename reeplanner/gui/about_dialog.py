"""Help > About: the icon, the version, where the examples' figures come from, and the licences."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reeplanner.about import EXAMPLE_SOURCES, LICENCE, THIRD_PARTY, licence_text, version
from reeplanner.gui.icons import app_icon

ICON_SIZE = 96


def about_html() -> str:
    """The About box's text: what the app is, its version, the examples' sources and the licence."""
    sources = "".join(f"<li>{escape(source)}</li>" for source in EXAMPLE_SOURCES)
    libraries = ", ".join(f"{escape(name)} ({escape(licence)})" for name, licence in THIRD_PARTY)
    return (
        f"<h2>REE Planner</h2>"
        f"<p>Version {escape(version())}</p>"
        "<p>Scenario planning for the rare-earth supply chain, from mine to magnet.</p>"
        "<h4>Example plans: data sources</h4>"
        "<p>The examples use public figures, each with its source in the plan's Source column "
        "(Export Brief lists them on its Sources sheet). Figures that are not published say "
        "“Estimate:” with their basis. Mainly:</p>"
        f"<ul>{sources}</ul>"
        "<p>They are planning illustrations, not forecasts.</p>"
        "<h4>Licence</h4>"
        f"<p>REE Planner is free software under the {escape(LICENCE)} licence (below). "
        f"It is built with {libraries}.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle("About REE Planner")
        self.setWindowIcon(app_icon())
        self.resize(620, 600)
        self.icon = QLabel()
        self.icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_html())
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.licence = QTextBrowser()
        self.licence.setObjectName("about-licence")
        self.licence.setPlainText(licence_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licence, 1)
        layout.addWidget(buttons)
