"""Manual check under a real X server and window manager (issue 18, bug 4): after a modal dialog
closes, does a real Ctrl+PgDown (sent through XTEST by xdotool) still reach the window?

    apt-get install -y xvfb xauth twm xdotool
    xvfb-run -a -s "-screen 0 1600x1000x24" sh -c 'twm & sleep 1; python docs/checks/wm_focus_check.py box; python docs/checks/wm_focus_check.py progress'

Run from the project root. Prints whether the window was active, which widget had the keyboard,
and whether the key moved to the next article. Not a test: it needs an X server and a WM.
"""
import subprocess, sys, tempfile, os
from pathlib import Path
sys.path.insert(0, ".")
os.environ["ANNOTATOR_CONFIG_DIR"] = tempfile.mkdtemp()
os.environ["QT_QPA_PLATFORM"] = "xcb"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from PySide6.QtCore import Qt
from annotator.schema import Schema
from annotator.store.project import Project
from tests.conftest import add_text
from ui.app.main_window import MainWindow

app = QApplication(sys.argv[:1])
project = Project.create(Path(tempfile.mkdtemp()) / "f.annotator", Schema.default(["PERSON"]))
ids = [add_text(project, f"Article number {i} about nothing much.") for i in range(4)]
w = MainWindow(project); w.resize(1000, 700); w.show()
log = []

def xdo(*args):
    subprocess.run(["xdotool", *args], check=False)

def step1():
    geo = w.geometry()
    xdo("mousemove", str(geo.x() + 500), str(geo.y() + 350))
    w.article_list.view.setFocus()  # the user clicked the list
    kind = sys.argv[1]
    if kind == "none":
        pass
    elif kind == "box":
        box = QMessageBox(QMessageBox.Icon.Information, "Info", "A modal message", QMessageBox.StandardButton.Ok, w)
        QTimer.singleShot(600, box.accept)
        box.exec()
    else:  # a window-modal progress dialog as the background jobs use
        dlg = QProgressDialog("Working", "Cancel", 0, 0, w)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.show()
        QTimer.singleShot(600, lambda: (dlg.reset(), dlg.hide()))
    QTimer.singleShot(1200, step2)

def step2():
    log.append(f"after dialog: active={QApplication.activeWindow() is w} focus={type(QApplication.focusWidget()).__name__}")
    before = w.article_id
    r = subprocess.run(["xdotool", "getwindowfocus", "getwindowname"], capture_output=True, text=True)
    log.append(f"X focus: {r.stdout.strip()!r} winId={int(w.winId())}")
    xdo("key", "--clearmodifiers", "ctrl+Page_Down")
    QTimer.singleShot(600, lambda: step3(before))

def step3(before):
    log.append(f"Ctrl+PgDown moved to next article: {w.article_id != before}")
    print(sys.argv[1], "|", "; ".join(log))
    w.close(); project.close(); app.quit()

QTimer.singleShot(800, step1)
app.exec()
