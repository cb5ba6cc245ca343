// The poster's print button; a script file of its own, as the console's policy allows no inline
// script.
document.getElementById("print").addEventListener("click", function () { window.print(); });
